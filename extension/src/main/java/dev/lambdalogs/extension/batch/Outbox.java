package dev.lambdalogs.extension.batch;

/** Where the batcher sends what it seals: the shipper, which writes it. */
public interface Outbox {
  void accept(SealedBatch batch);

  /**
   * Waits while {@code bytes} more would pass what the outbox may hold and writing is keeping up,
   * so that a reader faster than S3 slows down rather than makes it drop what S3 could still take.
   */
  default void awaitRoom(long bytes) {}
}
