package dev.lambdalogs.extension.util;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The two time formats the extension writes: the Telemetry API's, and the compact one of keys and SigV4. */
public final class Times {
  private Times() {}

  /**
   * Turns Lambda's {@code 2022-10-12T00:00:15.064Z} into {@code 20221012T000015064Z}; null when the time is
   * not of that form (any fraction length, UTC only).
   */
  public static String stamp(String time) {
    if (time == null || time.length() < 20 || !time.endsWith("Z")) {
      return null;
    }
    String shape = "dddd-dd-ddTdd:dd:dd";
    for (int i = 0; i < shape.length(); i++) {
      char want = shape.charAt(i);
      char c = time.charAt(i);
      if (want == 'd' ? c < '0' || c > '9' : c != want) {
        return null;
      }
    }
    String millis = "000";
    if (time.length() > 20) {
      if (time.charAt(19) != '.') {
        return null;
      }
      String fraction = time.substring(20, time.length() - 1);
      if (fraction.isEmpty()) {
        return null;
      }
      for (int i = 0; i < fraction.length(); i++) {
        if (fraction.charAt(i) < '0' || fraction.charAt(i) > '9') {
          return null;
        }
      }
      millis = (fraction + "00").substring(0, 3);
    }
    return time.substring(0, 4) + time.substring(5, 7) + time.substring(8, 10) + 'T' + time.substring(11, 13)
        + time.substring(14, 16) + time.substring(17, 19) + millis + 'Z';
  }

  /** Epoch milliseconds in the Telemetry API's own time format, for the records the extension writes. */
  public static String iso(long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
    return pad(t.getYear(), 4) + '-' + pad(t.getMonthValue(), 2) + '-' + pad(t.getDayOfMonth(), 2) + 'T'
        + pad(t.getHour(), 2) + ':' + pad(t.getMinute(), 2) + ':' + pad(t.getSecond(), 2) + '.'
        + pad(t.getNano() / 1_000_000, 3) + 'Z';
  }

  /** Zero-padded decimal; String.format would load the whole Formatter and regex machinery. */
  public static String pad(long value, int width) {
    String digits = Long.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  /** Milliseconds since the epoch of a Telemetry API time, or -1 when it is not of that form. */
  public static long epochMillis(String time) {
    String stamp = stamp(time);
    if (stamp == null) {
      return -1;
    }
    int year = Integer.parseInt(stamp.substring(0, 4));
    int month = Integer.parseInt(stamp.substring(4, 6));
    int day = Integer.parseInt(stamp.substring(6, 8));
    int hour = Integer.parseInt(stamp.substring(9, 11));
    int minute = Integer.parseInt(stamp.substring(11, 13));
    int second = Integer.parseInt(stamp.substring(13, 15));
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
      return -1;
    }
    long days = daysFromCivil(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1_000L + Integer.parseInt(stamp.substring(15, 18));
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm): no java.time per event. */
  static long daysFromCivil(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
  }
}
