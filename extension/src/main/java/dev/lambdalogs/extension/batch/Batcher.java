package dev.lambdalogs.extension.batch;

import java.util.function.Consumer;

/**
 * Gathers archive lines into batches and seals a batch when it reaches the size limit, when its oldest
 * line has waited the flush interval, or when the extension shuts down. Sealed batches go to the
 * shipper. Called from the listener (add), the shipper's clock (age) and shutdown (all), hence the locks.
 */
public final class Batcher {
  private final long flushBytes;
  private final long flushIntervalNanos;
  private final boolean gzip;
  private final ArchiveKey keys;
  private final Loss loss;
  private final Consumer<SealedBatch> shipper;
  private Batch open;

  public Batcher(long flushBytes, long flushIntervalMs, boolean gzip, ArchiveKey keys, Loss loss,
      Consumer<SealedBatch> shipper) {
    this.flushBytes = flushBytes;
    this.flushIntervalNanos = flushIntervalMs * 1_000_000L;
    this.gzip = gzip;
    this.keys = keys;
    this.loss = loss;
    this.shipper = shipper;
  }

  /** Adds one archive line; {@code time} is its event's time, which names the batch it opens. */
  public synchronized void add(String time, String line) {
    if (open == null) {
      open = openBatch(time);
    }
    open.add(line);
    if (open.rawBytes() >= flushBytes) {
      seal();
    }
  }

  /** Counts a refused delivery; the next batch reports it. */
  public void accountMalformed() {
    loss.malformedDelivery();
  }

  /** True when the open batch's oldest line has waited the flush interval. */
  public synchronized boolean isDue(long nowNanos) {
    return open != null && nowNanos - open.openedNanos >= flushIntervalNanos;
  }

  public synchronized void sealIfDue(long nowNanos) {
    if (isDue(nowNanos)) {
      seal();
    }
  }

  /** Seals what is open, and what is still to be reported about losses, for shutdown. */
  public synchronized void sealNow() {
    if (open == null && loss.hasPending()) {
      open = openBatch(null);
    }
    if (open != null) {
      seal();
    }
  }

  private Batch openBatch(String time) {
    Loss.Counts carried = loss.take();
    long now = System.currentTimeMillis();
    Batch batch = new Batch(time, gzip, System.nanoTime(), carried);
    if (!carried.isNone()) {
      batch.add(Loss.line(carried, now));
    }
    return batch;
  }

  private void seal() {
    Batch batch = open;
    open = null;
    shipper.accept(batch.seal(keys.next(batch.firstEventTime)));
  }
}
