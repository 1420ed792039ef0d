package dev.lambdalogs.extension.telemetry;

import java.util.ArrayDeque;

/**
 * Deliveries received and not yet read, between the thread that answers the platform and the one
 * that parses, batches and compresses. The platform sends one delivery at a time and waits for the
 * answer, so answering as soon as the body is in lets it send the next while this one is read: a
 * burst drains at the speed of both threads, not of their sum. Bounded in bytes: when it is full,
 * the answer waits, and the platform keeps the events in its own buffer, as it did before there was
 * an inbox.
 *
 * <p>The arrays deliveries are read into are used again once read: a megabyte of garbage per
 * delivery in a 16 MB heap was a tenth of the extension's CPU in collections while ingesting.
 */
final class Inbox {
  /** Arrays kept for reuse: two waiting and one being read fill the inbox. */
  private static final int KEPT = 3;

  /** Room for the largest delivery the subscription asks for, with its brackets and more. */
  private static final int ARRAY_BYTES = TelemetryApi.MAX_BYTES + 64 * 1024;

  /** A delivery: the first {@code length} bytes of {@code bytes}. */
  record Received(byte[] bytes, int length) {}

  private final long maxBytes;
  private final ArrayDeque<Received> queue = new ArrayDeque<>();
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();
  private long bytes;
  private boolean reading;

  Inbox(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * An array to read a delivery of {@code length} bytes into: one used before when it is large
   * enough.
   */
  synchronized byte[] buffer(int length) {
    byte[] kept = free.pollFirst();
    return kept != null && kept.length >= length ? kept : new byte[Math.max(length, ARRAY_BYTES)];
  }

  /** Waits while the inbox is full; a delivery larger than the bound is taken alone. */
  synchronized void put(byte[] delivery, int length) throws InterruptedException {
    while (!queue.isEmpty() && bytes + length > maxBytes) {
      wait();
    }
    queue.addLast(new Received(delivery, length));
    bytes += length;
    notifyAll();
  }

  /** The oldest delivery, once the previous one taken has been read and handed back. */
  synchronized Received take() throws InterruptedException {
    reading = false;
    notifyAll();
    while (queue.isEmpty()) {
      wait();
    }
    Received delivery = queue.pollFirst();
    bytes -= delivery.length();
    reading = true;
    notifyAll();
    return delivery;
  }

  /** A delivery's array, read: nothing refers to it any more. */
  synchronized void handBack(byte[] array) {
    if (free.size() < KEPT && array.length == ARRAY_BYTES) {
      free.addLast(array);
    }
  }

  /** Nothing waiting and nothing being read. */
  synchronized boolean isIdle() {
    return queue.isEmpty() && !reading;
  }
}
