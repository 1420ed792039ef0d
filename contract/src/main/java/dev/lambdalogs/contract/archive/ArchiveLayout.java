package dev.lambdalogs.contract.archive;

import dev.lambdalogs.contract.time.Times;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The archive's keys, written by the extension and read by the CLI: {@code
 * PREFIX<function>/YYYY/MM/DD/HH/<yyyyMMdd'T'HHmmssSSS'Z'>-<environment>-<seq>.ndjson[.gz]}. The
 * time is the object's first event's, so keys sort by time within a function and an hour's objects
 * share a folder; the environment id and the sequence keep every key unique.
 */
public final class ArchiveLayout {
  public static final String GZIP_SUFFIX = ".ndjson.gz";
  public static final String PLAIN_SUFFIX = ".ndjson";

  /**
   * How far before a range an object's first event may lie while later events in it are inside: the
   * default flush interval, with room.
   */
  static final long LOOK_BACK_MS = 10 * 60_000;

  private ArchiveLayout() {}

  /**
   * The key of one object.
   *
   * @param stamp its first event's time as {@link Times#stamp} writes it
   */
  public static String key(
      String prefix,
      String function,
      String stamp,
      String environmentId,
      int sequence,
      boolean gzip) {
    return hourPrefix(
            prefix,
            function,
            stamp.substring(0, 4),
            stamp.substring(4, 6),
            stamp.substring(6, 8),
            stamp.substring(9, 11))
        + stamp
        + '-'
        + environmentId
        + '-'
        + Times.pad(sequence, 6)
        + (gzip ? GZIP_SUFFIX : PLAIN_SUFFIX);
  }

  /**
   * {@code PREFIX<function>/YYYY/MM/DD/HH/} for every hour the range touches, the look-back
   * included.
   */
  public static List<String> hourPrefixes(
      String prefix, String function, Instant from, Instant to) {
    List<String> prefixes = new ArrayList<>();
    for (String hour : hours(from, to)) {
      prefixes.add(prefix + function + '/' + hour + '/');
    }
    return prefixes;
  }

  /**
   * {@code YYYY/MM/DD/HH} of every hour the range touches, the look-back included: the hour
   * folders, and the hour partitions of the Athena table.
   */
  public static List<String> hours(Instant from, Instant to) {
    List<String> hours = new ArrayList<>();
    ZonedDateTime hour =
        from.minusMillis(LOOK_BACK_MS).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    while (!hour.toInstant().isAfter(to)) {
      hours.add(
          hour(
              Times.pad(hour.getYear(), 4),
              Times.pad(hour.getMonthValue(), 2),
              Times.pad(hour.getDayOfMonth(), 2),
              Times.pad(hour.getHour(), 2)));
      hour = hour.plusHours(1);
    }
    return hours;
  }

  private static String hourPrefix(
      String prefix, String function, String year, String month, String day, String hour) {
    return prefix + function + '/' + hour(year, month, day, hour) + '/';
  }

  private static String hour(String year, String month, String day, String hour) {
    return year + '/' + month + '/' + day + '/' + hour;
  }

  /**
   * Within the first hour: the key to list after, so that objects long before the range are not
   * listed.
   */
  public static String startAfter(String hourPrefix, Instant from) {
    return hourPrefix + Times.stamp(Times.iso(from.minusMillis(LOOK_BACK_MS).toEpochMilli()));
  }

  /** True for the keys of archive objects: other files in a folder or bucket are left alone. */
  public static boolean isObject(String key) {
    return key.endsWith(GZIP_SUFFIX) || key.endsWith(PLAIN_SUFFIX);
  }

  /** The environment id a key names; null when the key is not of the layout. */
  public static String environment(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    int sequence = name.lastIndexOf('-');
    return time(key) < 0 || sequence <= 20 ? null : name.substring(20, sequence);
  }

  /** The time a key names, in epoch milliseconds; -1 when the key is not of the layout. */
  public static long time(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    if (name.length() < 19 || name.charAt(8) != 'T' || name.charAt(18) != 'Z') {
      return -1;
    }
    String s = name.substring(0, 19);
    return Times.epochMillis(
        s.substring(0, 4)
            + "-"
            + s.substring(4, 6)
            + "-"
            + s.substring(6, 8)
            + "T"
            + s.substring(9, 11)
            + ":"
            + s.substring(11, 13)
            + ":"
            + s.substring(13, 15)
            + "."
            + s.substring(15, 18)
            + "Z");
  }
}
