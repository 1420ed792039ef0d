package dev.lambdalogs.cli.archive;

import dev.lambdalogs.extension.util.Times;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading the S3 layout: which hour prefixes a range needs, where to start inside the first hour, and the
 * time a key names (its first event's).
 */
public final class Keys {
  /**
   * How far before the range an object's first event may lie while later events in it are inside: the
   * default flush interval, with room.
   */
  static final long LOOK_BACK_MS = 10 * 60_000;

  private Keys() {}

  /** {@code PREFIX<function>/YYYY/MM/DD/HH/} for every hour the range touches, the look-back included. */
  public static List<String> hourPrefixes(String prefix, String function, Instant from, Instant to) {
    List<String> prefixes = new ArrayList<>();
    ZonedDateTime hour = from.minusMillis(LOOK_BACK_MS).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    while (!hour.toInstant().isAfter(to)) {
      prefixes.add(prefix + function + "/" + Times.pad(hour.getYear(), 4) + "/" + Times.pad(hour.getMonthValue(), 2) + "/"
          + Times.pad(hour.getDayOfMonth(), 2) + "/" + Times.pad(hour.getHour(), 2) + "/");
      hour = hour.plusHours(1);
    }
    return prefixes;
  }

  /** Within the first hour: the key to list after, so that objects long before the range are not listed. */
  public static String startAfter(String hourPrefix, Instant from) {
    String stamp = Times.stamp(Times.iso(from.minusMillis(LOOK_BACK_MS).toEpochMilli()));
    return hourPrefix + stamp;
  }

  /** The time a key names, in epoch milliseconds; -1 when the key is not of the layout. */
  public static long time(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    if (name.length() < 19 || name.charAt(8) != 'T' || name.charAt(18) != 'Z') {
      return -1;
    }
    String s = name.substring(0, 19);
    return Times.epochMillis(s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6, 8) + "T"
        + s.substring(9, 11) + ":" + s.substring(11, 13) + ":" + s.substring(13, 15) + "." + s.substring(15, 18) + "Z");
  }
}
