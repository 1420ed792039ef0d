package dev.lambdalogs.extension.telemetry;

import java.util.ArrayDeque;

/**
 * Deliveries received and not yet read, between the thread that answers the platform and the one that
 * parses, batches and compresses. The platform sends one delivery at a time and waits for the answer, so
 * answering as soon as the body is in lets it send the next while this one is read: a burst drains at the
 * speed of both threads, not of their sum. Bounded in bytes: when it is full, the answer waits, and the
 * platform keeps the events in its own buffer, as it did before there was an inbox.
 */
final class Inbox {
  private final long maxBytes;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long bytes;
  private boolean reading;

  Inbox(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Waits while the inbox is full; a delivery larger than the bound is taken alone. */
  synchronized void put(byte[] delivery) throws InterruptedException {
    while (!queue.isEmpty() && bytes + delivery.length > maxBytes) {
      wait();
    }
    queue.addLast(delivery);
    bytes += delivery.length;
    notifyAll();
  }

  /** The oldest delivery, once the previous one taken has been read. */
  synchronized byte[] take() throws InterruptedException {
    reading = false;
    notifyAll();
    while (queue.isEmpty()) {
      wait();
    }
    byte[] delivery = queue.pollFirst();
    bytes -= delivery.length;
    reading = true;
    notifyAll();
    return delivery;
  }

  /** Nothing waiting and nothing being read. */
  synchronized boolean isIdle() {
    return queue.isEmpty() && !reading;
  }
}
