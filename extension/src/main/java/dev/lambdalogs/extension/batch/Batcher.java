package dev.lambdalogs.extension.batch;

import dev.lambdalogs.contract.time.Times;

/**
 * Gathers archive lines into batches and seals a batch when it reaches the size limit, when its
 * oldest line has waited the flush interval, or when the extension shuts down. Sealed batches go to
 * the shipper. Called from the listener (add), the shipper's clock (age) and shutdown (all), hence
 * the locks.
 */
public final class Batcher {
  private final long flushBytes;
  private final long flushIntervalMs;
  private final boolean gzip;
  private final ArchiveKey keys;
  private final Loss loss;
  private final Outbox shipper;
  private Batch open;

  /**
   * The open batch's oldest time, or none: read without the lock, so that an invocation never waits
   * behind a delivery being compressed just to learn that nothing is due.
   */
  private volatile long openOldestMillis = Long.MAX_VALUE;

  /** Nothing is sealed but at shutdown: a SnapStart environment before its restore. */
  private volatile boolean held;

  public Batcher(
      long flushBytes,
      long flushIntervalMs,
      boolean gzip,
      ArchiveKey keys,
      Loss loss,
      Outbox shipper) {
    this.flushBytes = flushBytes;
    this.flushIntervalMs = flushIntervalMs;
    this.gzip = gzip;
    this.keys = keys;
    this.loss = loss;
    this.shipper = shipper;
  }

  /**
   * Adds one archive line; its time names the batch it opens. A batch it fills is sealed once the
   * shipper has room for it: while S3 is behind, the reader waits here and the platform keeps the
   * rest. The wait is outside the lock, since the shipper's own thread seals due batches through
   * it.
   */
  public void add(Line line) {
    long sealedAtMost;
    synchronized (this) {
      if (open == null) {
        open = openBatch(line.time());
        openOldestMillis = open.oldestMillis;
      }
      open.add(line);
      if (!isFull()) {
        return;
      }
      sealedAtMost = open.sealedBytesAtMost();
    }
    shipper.awaitRoom(sealedAtMost);
    synchronized (this) {
      if (isFull()) { // unless its age or shutdown sealed it meanwhile
        seal();
      }
    }
  }

  private boolean isFull() {
    return open != null && open.rawBytes() >= flushBytes && !held;
  }

  /** Seals nothing until {@link #release()}, but at shutdown. */
  public void hold() {
    held = true;
  }

  public synchronized void release() {
    held = false;
    if (isFull()) {
      seal();
    }
  }

  /** Counts a refused delivery, which the next batch reports; returns how many there have been. */
  public long accountMalformed() {
    return loss.malformedDelivery();
  }

  /**
   * True when the open batch's oldest line has waited the flush interval, counted from the event's
   * own time: events can spend a frozen spell in the platform's buffer before they arrive.
   */
  public boolean isDue(long nowMillis) {
    long oldest = openOldestMillis;
    return !held && oldest != Long.MAX_VALUE && nowMillis - oldest >= flushIntervalMs;
  }

  public synchronized void sealIfDue(long nowMillis) {
    if (isDue(nowMillis)) {
      seal();
    }
  }

  /**
   * Seals what is open, then what is still to be reported about losses, for shutdown. Sealing can
   * itself push an older batch over the memory cap, hence the loop: each report is kept as the
   * newest.
   */
  public synchronized void sealNow() {
    if (open != null) {
      seal();
    }
    while (loss.hasPending()) {
      open = openBatch(null);
      seal();
    }
  }

  private Batch openBatch(String time) {
    Loss.Counts carried = loss.take();
    long now = System.currentTimeMillis();
    long eventMillis = Times.epochMillis(time);
    String firstTime = time != null ? time : Times.iso(now);
    Batch batch =
        new Batch(firstTime, gzip, eventMillis < 0 ? now : Math.min(now, eventMillis), carried);
    if (!carried.isNone()) {
      // stamped with the batch's first event's time, so the key still names the first line's time
      batch.add(Line.text(firstTime, Loss.line(carried, firstTime)));
    }
    return batch;
  }

  private void seal() {
    Batch batch = open;
    open = null;
    openOldestMillis = Long.MAX_VALUE;
    shipper.accept(batch.seal(keys.next(batch.firstEventTime)));
  }
}
