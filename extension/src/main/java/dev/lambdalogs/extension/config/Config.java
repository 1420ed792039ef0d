package dev.lambdalogs.extension.config;

import dev.lambdalogs.contract.settings.Settings;
import dev.lambdalogs.extension.util.Log;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The extension's settings, read from the function's environment. A bad value is reported once,
 * naming the variable, and the default is used: a typo must never take the function down.
 */
public record Config(
    String bucket,
    String prefix,
    Set<String> types,
    long flushIntervalMs,
    long flushBytes,
    boolean gzip,
    Log.Level logLevel,
    URI endpoint,
    boolean pathStyle,
    Path localDir,
    long maxBufferBytes,
    String region,
    String functionName,
    Mode mode) {

  /** True when there is somewhere to write: a bucket, or a local folder. */
  public boolean hasDestination() {
    return localDir != null || bucket != null;
  }

  public static Config from(Map<String, String> env) {
    Reader r = new Reader(env);
    Log.Level level = r.choice(Settings.LOG_LEVEL, Log.Level.WARN);
    Log.setLevel(level);
    return new Config(
        r.text(Settings.BUCKET, null),
        r.prefix(),
        r.types(),
        r.positive(
                Settings.FLUSH_INTERVAL_S,
                Settings.DEFAULT_FLUSH_INTERVAL_S,
                Settings.MIN_FLUSH_INTERVAL_S,
                Settings.MAX_FLUSH_INTERVAL_S)
            * 1000,
        r.positive(Settings.FLUSH_BYTES, 4L << 20, 1024, 1L << 30),
        r.compression(),
        level,
        r.endpoint(),
        r.bool(Settings.S3_PATH_STYLE, false),
        r.path(Settings.LOCAL_DIR),
        r.positive(Settings.MAX_BUFFER_BYTES, 4L << 20, 64L << 10, 1L << 31),
        r.text("AWS_REGION", r.text("AWS_DEFAULT_REGION", "us-east-1")),
        r.text("AWS_LAMBDA_FUNCTION_NAME", "unknown-function"),
        Mode.of(r.text("AWS_LAMBDA_INITIALIZATION_TYPE", null)));
  }

  /** Reads variables, warning about each bad one. */
  private static final class Reader {
    private final Map<String, String> env;

    Reader(Map<String, String> env) {
      this.env = env;
    }

    String text(String name, String fallback) {
      String value = env.get(name);
      return value == null || value.isBlank() ? fallback : value.trim();
    }

    long positive(String name, long fallback, long min, long max) {
      String value = text(name, null);
      if (value == null) {
        return fallback;
      }
      try {
        long n = Long.parseLong(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      return bad(name, value, "a whole number from " + min + " to " + max, fallback);
    }

    boolean bool(String name, boolean fallback) {
      String value = text(name, null);
      if (value == null) {
        return fallback;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes" -> true;
        case "false", "0", "no" -> false;
        default -> bad(name, value, "true or false", fallback);
      };
    }

    Log.Level choice(String name, Log.Level fallback) {
      String value = text(name, null);
      if (value == null) {
        return fallback;
      }
      Log.Level level = Log.parseLevel(value);
      return level != null ? level : bad(name, value, "error, warn, info or debug", fallback);
    }

    String prefix() {
      String value = text(Settings.PREFIX, Settings.DEFAULT_PREFIX);
      if (value.startsWith("/")) {
        return bad(
            Settings.PREFIX,
            value,
            "a key prefix that does not start with '/'",
            Settings.DEFAULT_PREFIX);
      }
      return Settings.prefixOf(env);
    }

    Set<String> types() {
      String value = text(Settings.TYPES, null);
      Set<String> fallback = Settings.DEFAULT_TYPES;
      if (value == null) {
        return fallback;
      }
      Set<String> types = new LinkedHashSet<>();
      for (String part : value.split(",")) {
        String type = part.trim().toLowerCase(Locale.ROOT);
        if (!Settings.TELEMETRY_TYPES.contains(type)) {
          return bad(
              Settings.TYPES,
              value,
              "a comma-separated list of platform, function, extension",
              fallback);
        }
        types.add(type);
      }
      return Set.copyOf(types);
    }

    boolean compression() {
      String value = text(Settings.COMPRESSION, "gzip").toLowerCase(Locale.ROOT);
      return switch (value) {
        case "gzip" -> true;
        case "none" -> false;
        default -> bad(Settings.COMPRESSION, value, "gzip or none", true);
      };
    }

    URI endpoint() {
      String value = text("AWS_ENDPOINT_URL_S3", text("AWS_ENDPOINT_URL", null));
      if (value == null) {
        return null;
      }
      try {
        URI uri = URI.create(value);
        if (uri.getHost() != null
            && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
          return uri;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      return bad("AWS_ENDPOINT_URL_S3/AWS_ENDPOINT_URL", value, "an http or https URL", null);
    }

    Path path(String name) {
      String value = text(name, null);
      return value == null ? null : Path.of(value);
    }

    private static <T> T bad(String name, String value, String expected, T fallback) {
      Log.warn(
          name
              + "="
              + value
              + " is not valid (expected "
              + expected
              + "); using the default "
              + (fallback == null ? "(none)" : fallback));
      return fallback;
    }
  }
}
