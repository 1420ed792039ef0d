package dev.lambdalogs.extension.batch;

import dev.lambdalogs.contract.archive.ArchiveLayout;
import dev.lambdalogs.contract.time.Times;

/**
 * Names this environment's objects in the {@link ArchiveLayout}: its id, a sequence, and the
 * batch's first event's time. After a SnapStart restore no key is older than the restore: the
 * snapshot's init events arrive with the snapshot's times, perhaps days old, where a reader of
 * recent logs would never look.
 */
public final class ArchiveKey {
  private final String prefix;
  private final String function;
  private String environmentId;
  private long notBeforeMillis = Long.MIN_VALUE;
  private final boolean gzip;
  private int sequence;

  public ArchiveKey(String prefix, String function, String environmentId, boolean gzip) {
    this.prefix = prefix;
    this.function = function;
    this.environmentId = environmentId;
    this.gzip = gzip;
  }

  public synchronized String environmentId() {
    return environmentId;
  }

  /**
   * This copy of a snapshot was restored: its own environment id, sequences from 1, no key before
   * now.
   */
  public synchronized void restored(String environmentId, long restoreMillis) {
    this.environmentId = environmentId;
    this.sequence = 0;
    this.notBeforeMillis = restoreMillis;
  }

  /** The key of the next batch, whose first event has this Telemetry API time. */
  public synchronized String next(String firstEventTime) {
    long millis = Times.epochMillis(firstEventTime);
    String stamp =
        millis < 0
            ? Times.stamp(Times.iso(Math.max(notBeforeMillis, System.currentTimeMillis())))
            : millis < notBeforeMillis
                ? Times.stamp(Times.iso(notBeforeMillis))
                : Times.stamp(firstEventTime);
    sequence++;
    return ArchiveLayout.key(prefix, function, stamp, environmentId, sequence, gzip);
  }
}
