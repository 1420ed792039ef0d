package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.archive.TimeRange;
import dev.lambdalogs.cli.layer.Layer;
import dev.lambdalogs.contract.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked as they are parsed, before anything is called: a bad one is a usage error
 * (exit 2) that says what is wrong in plain words and what a good value looks like.
 */
final class Converters {
  private Converters() {}

  /** An instant, or a duration back from now. */
  static final class When implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return timeRange(() -> TimeRange.parse(value, Instant.now()));
    }
  }

  static final class Length implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return timeRange(() -> TimeRange.duration(value));
    }
  }

  /** TimeRange's refusal, which already shows good values, as a usage error. */
  private static <T> T timeRange(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  static final class Regex implements ITypeConverter<Pattern> {
    @Override
    public Pattern convert(String value) {
      try {
        return Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a regular expression: "
                + e.getDescription()
                + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "")
                + " (quote it for the shell, "
                + "e.g. '^api-.*')");
      }
    }
  }

  /** A tag to match: KEY=VALUE. */
  record Tag(String key, String value) {}

  static final class Tags implements ITypeConverter<Tag> {
    @Override
    public Tag convert(String value) {
      int equals = value.indexOf('=');
      if (equals <= 0) {
        throw new TypeConversionException("'" + value + "' is not KEY=VALUE (e.g. --tag team=web)");
      }
      return new Tag(value.substring(0, equals), value.substring(equals + 1));
    }
  }

  /** A bucket name by S3's rules for new buckets, checked before any call. */
  static final class BucketName implements ITypeConverter<String> {
    private static final Pattern RULE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    @Override
    public String convert(String value) {
      String why =
          !RULE.matcher(value).matches()
              ? "3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit"
              : value.contains("..")
                  ? "no two dots in a row"
                  : ADDRESS.matcher(value).matches()
                      ? "not an IP address"
                      : value.startsWith("xn--") || value.startsWith("sthree-")
                          ? "not starting with xn-- or sthree-"
                          : value.endsWith("-s3alias")
                                  || value.endsWith("--ol-s3")
                                  || value.endsWith("--x-s3")
                              ? "no reserved suffix"
                              : null;
      if (why != null) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a valid S3 bucket name: "
                + why
                + " (e.g. my-team-lambda-logs)");
      }
      return value;
    }
  }

  /** A Telemetry API type to ship: what the extension subscribes to. */
  static final class TelemetryType implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String type = value.trim().toLowerCase(Locale.ROOT);
      if (!Settings.TELEMETRY_TYPES.contains(type)) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a telemetry type: use "
                + String.join(", ", Settings.TELEMETRY_TYPES));
      }
      return type;
    }
  }

  /** An event type to show: a telemetry type, or an exact one such as platform.report. */
  static final class EventType implements ITypeConverter<String> {
    private static final Pattern EXACT = Pattern.compile("platform\\.[a-z][A-Za-z]*");

    @Override
    public String convert(String value) {
      String type = value.trim();
      String category = type.toLowerCase(Locale.ROOT);
      if (Settings.TELEMETRY_TYPES.contains(category)) {
        return category;
      }
      if (!EXACT.matcher(type).matches()) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not an event type: use "
                + String.join(", ", Settings.TELEMETRY_TYPES)
                + ", or an exact type such as platform.report");
      }
      return type;
    }
  }

  /** A whole number within bounds, in a unit. */
  abstract static class WholeNumber implements ITypeConverter<Integer> {
    private final int min;
    private final int max;
    private final String unit;

    WholeNumber(int min, int max, String unit) {
      this.min = min;
      this.max = max;
      this.unit = unit;
    }

    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a number of "
              + unit
              + ": use a whole number "
              + (max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max));
    }
  }

  /** A Lambda architecture, as Lambda names it. */
  static final class Architecture implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (Layer.Bundle.jreFor(value) == null) {
        throw new TypeConversionException(
            "'" + value + "' is not an architecture Lambda runs: x86_64 or arm64");
      }
      return value;
    }
  }

  /** Days of retention: S3 expires objects after one day at the least. */
  static final class Days extends WholeNumber {
    Days() {
      super(1, Integer.MAX_VALUE, "days");
    }
  }

  /** The extension's flush interval, within the bounds it takes (LAMBDALOGS_FLUSH_INTERVAL_S). */
  static final class FlushSeconds extends WholeNumber {
    FlushSeconds() {
      super(Settings.MIN_FLUSH_INTERVAL_S, Settings.MAX_FLUSH_INTERVAL_S, "seconds");
    }
  }

  /** A folder that is there to read. */
  static final class ExistingFolder implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      Path dir = Path.of(value);
      if (!Files.isDirectory(dir)) {
        throw new TypeConversionException(
            "'"
                + value
                + "' "
                + (Files.exists(dir) ? "is not a folder" : "does not exist")
                + ": name the folder of a local copy (e.g. lambdalogs-demo/archive)");
      }
      return dir;
    }
  }

  /**
   * A folder to write into: there and writable, or one that can be made under a writable folder.
   */
  static final class WritableFolder implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      Path dir = Path.of(value).toAbsolutePath().normalize();
      Path existing = dir;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      String why =
          existing == null
              ? "nothing of it exists"
              : !Files.isDirectory(existing)
                  ? existing + " is not a folder"
                  : !Files.isWritable(existing) ? "you may not write in " + existing : null;
      if (why != null) {
        throw new TypeConversionException(
            "cannot write to '" + value + "': " + why + "; choose a folder you can write");
      }
      return Path.of(value);
    }
  }
}
