package dev.lambdalogs.sandbox;

/**
 * Freezing, as Lambda does between invocations: no telemetry is delivered while the environment is
 * frozen, and a delivery under way finishes before the processes are stopped.
 */
final class Gate {
  private boolean frozen;
  private int deliveries;

  synchronized void enterDelivery() throws InterruptedException {
    while (frozen) {
      wait();
    }
    deliveries++;
  }

  synchronized void exitDelivery() {
    deliveries--;
    notifyAll();
  }

  /** Closes the gate and waits, up to {@code timeoutMs}, for deliveries under way. */
  synchronized void close(long timeoutMs) throws InterruptedException {
    frozen = true;
    long until = System.currentTimeMillis() + timeoutMs;
    long left;
    while (deliveries > 0 && (left = until - System.currentTimeMillis()) > 0) {
      wait(left);
    }
  }

  /** Closed from the start: nothing is delivered until it is opened. */
  synchronized void closeBeforeAnyDelivery() {
    frozen = true;
  }

  synchronized void open() {
    frozen = false;
    notifyAll();
  }
}
