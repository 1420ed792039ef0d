package dev.lambdalogs.extension.util;

import java.util.Locale;

/**
 * The extension's own diagnostics, on stderr. Lambda hands extension output back through the
 * Telemetry API as "extension" events; every line starts with {@link #MARKER} so the extension can
 * recognise its own lines there and never ships them.
 */
public final class Log {
  public static final String MARKER = "[lambdalogs] ";

  public enum Level {
    ERROR,
    WARN,
    INFO,
    DEBUG
  }

  private static volatile Level threshold = Level.WARN;

  private Log() {}

  public static void setLevel(Level level) {
    threshold = level;
  }

  /** Returns null for an unknown name. */
  public static Level parseLevel(String name) {
    for (Level level : Level.values()) {
      if (level.name().equalsIgnoreCase(name.trim())) {
        return level;
      }
    }
    return null;
  }

  public static boolean enabled(Level level) {
    return level.ordinal() <= threshold.ordinal();
  }

  public static void error(String message) {
    write(Level.ERROR, message);
  }

  public static void warn(String message) {
    write(Level.WARN, message);
  }

  public static void info(String message) {
    write(Level.INFO, message);
  }

  public static void debug(String message) {
    write(Level.DEBUG, message);
  }

  private static void write(Level level, String message) {
    if (enabled(level)) {
      System.err.println(MARKER + level.name().toLowerCase(Locale.ROOT) + ": " + message);
    }
  }
}
