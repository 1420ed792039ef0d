package dev.lambdalogs.extension.batch;

/**
 * What could not be kept: batches dropped because memory ran out while the sink was failing, and
 * malformed deliveries refused by the listener. It is never silent: the next batch opened starts
 * with one {@code lambdalogs.dropped} line that reports it.
 */
public final class Loss {
  public record Counts(long droppedEvents, long droppedBytes, long malformedDeliveries) {
    public static final Counts NONE = new Counts(0, 0, 0);

    public boolean isNone() {
      return droppedEvents == 0 && droppedBytes == 0 && malformedDeliveries == 0;
    }

    Counts plus(Counts other) {
      return new Counts(
          droppedEvents + other.droppedEvents,
          droppedBytes + other.droppedBytes,
          malformedDeliveries + other.malformedDeliveries);
    }
  }

  private Counts pending = Counts.NONE;
  private long totalDroppedEvents;
  private long totalMalformedDeliveries;

  public synchronized void dropped(SealedBatch batch) {
    // the batch's own accounting line is not an event of the function's: count what it carried
    // instead
    long own = batch.carried().isNone() ? batch.events() : batch.events() - 1;
    pending = pending.plus(new Counts(own, batch.rawBytes(), 0)).plus(batch.carried());
    totalDroppedEvents += own;
  }

  /** Counts a refused delivery; returns how many there have been. */
  public synchronized long malformedDelivery() {
    pending = pending.plus(new Counts(0, 0, 1));
    return ++totalMalformedDeliveries;
  }

  public synchronized long totalMalformedDeliveries() {
    return totalMalformedDeliveries;
  }

  synchronized boolean hasPending() {
    return !pending.isNone();
  }

  /** Takes what is to be reported, leaving nothing pending. */
  synchronized Counts take() {
    Counts taken = pending;
    pending = Counts.NONE;
    return taken;
  }

  public synchronized long totalDroppedEvents() {
    return totalDroppedEvents;
  }

  static String line(Counts counts, String time) {
    return "{\"time\":\""
        + time
        + "\",\"type\":\"lambdalogs.dropped\",\"record\":{"
        + "\"droppedEvents\":"
        + counts.droppedEvents()
        + ",\"droppedBytes\":"
        + counts.droppedBytes()
        + ",\"malformedDeliveries\":"
        + counts.malformedDeliveries()
        + "}}";
  }
}
