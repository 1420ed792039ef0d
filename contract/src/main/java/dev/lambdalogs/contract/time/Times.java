package dev.lambdalogs.contract.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The two time formats the extension writes: the Telemetry API's, and the compact one of keys and
 * SigV4.
 */
public final class Times {
  private Times() {}

  /**
   * Turns Lambda's {@code 2022-10-12T00:00:15.064Z} into {@code 20221012T000015064Z}; null when the
   * time is not of that form (any fraction length, UTC only).
   */
  public static String stamp(String time) {
    if (!wellFormed(time)) {
      return null;
    }
    return time.substring(0, 4)
        + time.substring(5, 7)
        + time.substring(8, 10)
        + 'T'
        + time.substring(11, 13)
        + time.substring(14, 16)
        + time.substring(17, 19)
        + pad(millis(time), 3)
        + 'Z';
  }

  /**
   * Whether a time has the Telemetry API's form: {@code dddd-dd-ddTdd:dd:dd}, an optional fraction,
   * then Z.
   */
  private static boolean wellFormed(String time) {
    if (time == null || time.length() < 20 || time.charAt(time.length() - 1) != 'Z') {
      return false;
    }
    String shape = "dddd-dd-ddTdd:dd:dd";
    for (int i = 0; i < shape.length(); i++) {
      char want = shape.charAt(i);
      char c = time.charAt(i);
      if (want == 'd' ? c < '0' || c > '9' : c != want) {
        return false;
      }
    }
    if (time.length() == 20) {
      return true;
    }
    if (time.charAt(19) != '.' || time.length() == 21) {
      return false;
    }
    for (int i = 20; i < time.length() - 1; i++) {
      if (time.charAt(i) < '0' || time.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The milliseconds of a well-formed time: the fraction's first three digits, as many as there
   * are.
   */
  private static int millis(String time) {
    int millis = 0;
    for (int i = 20; i < 23; i++) {
      millis = millis * 10 + (i < time.length() - 1 ? time.charAt(i) - '0' : 0);
    }
    return millis;
  }

  /**
   * Epoch milliseconds in the Telemetry API's own time format, for the records the extension
   * writes.
   */
  public static String iso(long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
    return pad(t.getYear(), 4)
        + '-'
        + pad(t.getMonthValue(), 2)
        + '-'
        + pad(t.getDayOfMonth(), 2)
        + 'T'
        + pad(t.getHour(), 2)
        + ':'
        + pad(t.getMinute(), 2)
        + ':'
        + pad(t.getSecond(), 2)
        + '.'
        + pad(t.getNano() / 1_000_000, 3)
        + 'Z';
  }

  /** Zero-padded decimal; String.format would load the whole Formatter and regex machinery. */
  public static String pad(long value, int width) {
    String digits = Long.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  /**
   * Milliseconds since the epoch of a Telemetry API time, or -1 when it is not of that form. Read
   * in place: tail reads the time of every archived event.
   */
  public static long epochMillis(String time) {
    if (!wellFormed(time)) {
      return -1;
    }
    int month = digits(time, 5, 2);
    int day = digits(time, 8, 2);
    int hour = digits(time, 11, 2);
    int minute = digits(time, 14, 2);
    int second = digits(time, 17, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
      return -1;
    }
    long days = daysFromCivil(digits(time, 0, 4), month, day);
    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1_000L + millis(time);
  }

  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + text.charAt(i) - '0';
    }
    return value;
  }

  /**
   * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm): no java.time
   * per event.
   */
  static long daysFromCivil(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
  }
}
