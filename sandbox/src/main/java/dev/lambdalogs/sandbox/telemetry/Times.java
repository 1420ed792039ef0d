package dev.lambdalogs.sandbox.telemetry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The Telemetry API's time format: UTC with milliseconds, {@code 2022-10-12T00:00:15.064Z}. */
public final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * The last time formatted: a function logging fast writes hundreds of lines in one millisecond.
   */
  private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

  private record Formatted(long epochMillis, String text) {}

  private Times() {}

  public static String now() {
    return at(System.currentTimeMillis());
  }

  static String at(long epochMillis) {
    Formatted known = last;
    if (known.epochMillis() != epochMillis) {
      known = new Formatted(epochMillis, FORMAT.format(Instant.ofEpochMilli(epochMillis)));
      last = known;
    }
    return known.text();
  }
}
