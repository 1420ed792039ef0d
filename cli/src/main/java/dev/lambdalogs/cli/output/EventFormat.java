package dev.lambdalogs.cli.output;

import dev.lambdalogs.cli.archive.Entry;
import dev.lambdalogs.contract.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How tail prints an event: {@code short} for people (time, function, short request id, the
 * message, platform.report condensed to one line, colour by type and level on a terminal), {@code
 * json} the line as stored with the function it came from, {@code raw} the function's own lines
 * only.
 */
public enum EventFormat {
  SHORT,
  JSON,
  RAW;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final String RESET = "\u001b[0m";

  /** The text to print, or null when this format leaves the event out. */
  public String format(Entry e, boolean colour) {
    return switch (this) {
      case JSON -> withFunction(e);
      case RAW -> "function".equals(e.type()) ? e.message() : null;
      case SHORT -> shortLine(e, colour);
    };
  }

  /**
   * The stored line with the function it belongs to, last: across functions the line alone does not
   * say (the function is in the object's key, not in the event).
   */
  public static String withFunction(Entry e) {
    String line = e.line();
    int end = line.lastIndexOf('}');
    return line.substring(0, end)
        + ",\"function\":"
        + Json.quote(e.function())
        + line.substring(end);
  }

  /** The values --format takes, as it takes them, for the help and the shell's completion. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }

  private static String shortLine(Entry e, boolean colour) {
    String id =
        e.requestId() == null
            ? "-"
            : e.requestId().substring(0, Math.min(8, e.requestId().length()));
    String line =
        TIME.format(Instant.ofEpochMilli(e.time())) + " " + e.function() + " " + id + " " + text(e);
    String paint = colour ? colourOf(e) : null;
    return paint == null ? line : paint + line + RESET;
  }

  private static String text(Entry e) {
    String type = e.type();
    if (type.equals("function") || type.equals("extension")) {
      return e.level() != null ? e.level() + " " + e.message() : e.message();
    }
    if (e.event().get("record") instanceof Map<?, ?> r) {
      Map<?, ?> m = r.get("metrics") instanceof Map<?, ?> metrics ? metrics : Map.of();
      switch (type) {
        case "platform.report":
          return "REPORT "
              + r.get("status")
              + " duration "
              + number(m.get("durationMs"))
              + " ms, billed "
              + number(m.get("billedDurationMs"))
              + " ms, memory "
              + number(m.get("maxMemoryUsedMB"))
              + "/"
              + number(m.get("memorySizeMB"))
              + " MB"
              + (m.get("initDurationMs") != null
                  ? ", init " + number(m.get("initDurationMs")) + " ms"
                  : "");
        case "platform.start":
          return "START version " + r.get("version");
        case "platform.runtimeDone":
          return "END " + r.get("status") + " after " + number(m.get("durationMs")) + " ms";
        default:
          return type + " " + fields(r);
      }
    }
    return type + " " + e.message();
  }

  /** A record's fields as key=value, numbers as numbers. */
  private static String fields(Map<?, ?> record) {
    StringJoiner all = new StringJoiner(", ", "{", "}");
    record.forEach(
        (k, v) -> all.add(k + "=" + (v instanceof Map<?, ?> inner ? fields(inner) : number(v))));
    return all.toString();
  }

  /** JSON numbers read back as doubles: 13.0 prints as 13. */
  private static String number(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  private static String colourOf(Entry e) {
    String level = e.level() == null ? "" : e.level().toUpperCase(Locale.ROOT);
    if (level.startsWith("ERROR")
        || level.startsWith("FATAL")
        || "platform.report".equals(e.type())
            && e.event().get("record") instanceof Map<?, ?> r
            && !"success".equals(r.get("status"))) {
      return "\u001b[31m";
    }
    if (level.startsWith("WARN")) {
      return "\u001b[33m";
    }
    if (e.type().startsWith("platform.")) {
      return "\u001b[2m";
    }
    return e.type().equals("extension") ? "\u001b[35m" : null;
  }
}
