package dev.lambdalogs.cli.archive;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time range to read: {@code --since} and {@code --until}, as durations back from now or
 * instants.
 */
public final class TimeRange {
  public static final String EXAMPLES = "10m, 2h, 1d, 1h30m, 2026-11-24T10:00Z or 2026-11-24";
  private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhdw])");

  private TimeRange() {}

  /** A duration such as 5s, 10m or 1h30m. */
  public static Duration duration(String expression) {
    String text = expression.trim();
    if (!isDuration(text)) {
      throw new IllegalArgumentException(
          "'" + expression + "' is not a duration: use 5s, 10m, 2h or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher m = RELATIVE.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
              });
    }
    return total;
  }

  private static boolean isDuration(String text) {
    return !text.isEmpty() && RELATIVE.matcher(text).replaceAll("").isEmpty();
  }

  /**
   * @throws IllegalArgumentException naming the bad expression and giving good ones
   */
  public static Instant parse(String expression, Instant now) {
    String text = expression.trim();
    if (isDuration(text)) {
      return now.minus(duration(text));
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // not with an offset: try UTC date-times and dates
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // not a local date-time
    }
    try {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + expression + "' is not a time: use " + EXAMPLES);
    }
  }
}
