package dev.lambdalogs.cli.archive;

import dev.lambdalogs.contract.json.Json;
import java.util.Comparator;
import java.util.Map;

/**
 * One archived event as read back: the stored line, its time, and where it came from. Its fields
 * are parsed only when a filter or a format asks for them: printing stored lines needs none of it.
 */
public final class Entry {
  /** Time order; equal times in the order of their objects, then of their lines. */
  static final Comparator<Entry> ORDER =
      (a, b) ->
          a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.sequence, b.sequence);

  private final long time;
  private final long sequence;
  private final String function;
  private final String key;
  private final String line;
  private Map<String, Object> event;

  /**
   * @param time epoch milliseconds of its {@code time}
   * @param sequence its place in the read (its object's, then its line's), to keep equal times in
   *     their stored order
   */
  public Entry(long time, long sequence, String function, String key, String line) {
    this.time = time;
    this.sequence = sequence;
    this.function = function;
    this.key = key;
    this.line = line;
  }

  public long time() {
    return time;
  }

  public String function() {
    return function;
  }

  public String key() {
    return key;
  }

  public String line() {
    return line;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> event() {
    if (event == null) {
      event =
          (Map<String, Object>) Json.parse(line); // checked to be a JSON object when it was read
    }
    return event;
  }

  public String type() {
    return String.valueOf(event().get("type"));
  }

  public String requestId() {
    Object id = event().get("requestId");
    if (id == null && event().get("record") instanceof Map<?, ?> record) {
      id = record.get("requestId");
    }
    return id == null ? null : id.toString();
  }

  /**
   * The log line's text: the record when it is a string, its message when it is a JSON log record.
   */
  public String message() {
    Object record = event().get("record");
    if (record instanceof Map<?, ?> map && map.containsKey("message")) {
      return String.valueOf(map.get("message"));
    }
    return record instanceof String s ? s : String.valueOf(record);
  }

  /** The level of a JSON log record, or null. */
  public String level() {
    return event().get("record") instanceof Map<?, ?> map && map.get("level") != null
        ? map.get("level").toString()
        : null;
  }
}
