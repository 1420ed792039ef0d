package dev.lambdalogs.extension.batch;

import dev.lambdalogs.extension.util.Times;

/**
 * Names the objects: {@code PREFIX<function>/YYYY/MM/DD/HH/<yyyyMMdd'T'HHmmssSSS'Z'>-<environment>-<seq>.ndjson.gz}.
 * The time is the batch's first event's, so keys sort by time within a function; the environment id and
 * the sequence keep every key unique.
 */
public final class ArchiveKey {
  private final String prefix;
  private final String function;
  private final String environmentId;
  private final String suffix;
  private int sequence;

  public ArchiveKey(String prefix, String function, String environmentId, boolean gzip) {
    this.prefix = prefix;
    this.function = function;
    this.environmentId = environmentId;
    this.suffix = gzip ? ".ndjson.gz" : ".ndjson";
  }

  /** The key of the next batch, whose first event has this Telemetry API time. */
  public synchronized String next(String firstEventTime) {
    String stamp = Times.stamp(firstEventTime);
    if (stamp == null) {
      stamp = Times.stamp(Times.iso(System.currentTimeMillis()));
    }
    sequence++;
    return prefix + function + '/' + stamp.substring(0, 4) + '/' + stamp.substring(4, 6) + '/'
        + stamp.substring(6, 8) + '/' + stamp.substring(9, 11) + '/' + stamp + '-' + environmentId + '-'
        + Times.pad(sequence, 6) + suffix;
  }
}
