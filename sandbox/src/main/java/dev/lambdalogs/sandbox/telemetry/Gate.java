package dev.lambdalogs.sandbox.telemetry;

/**
 * Freezing, as Lambda does between invocations: no telemetry is delivered while the environment is
 * frozen, and a delivery under way finishes before the processes are stopped.
 */
public final class Gate {
  private boolean frozen;
  private int deliveries;
  private int held;

  synchronized void enterDelivery() throws InterruptedException {
    held++;
    try {
      while (frozen) {
        wait();
      }
    } finally {
      held--;
    }
    deliveries++;
  }

  /** Deliveries due but waiting for the environment to thaw. */
  synchronized int held() {
    return held;
  }

  synchronized void exitDelivery() {
    deliveries--;
    notifyAll();
  }

  /** Closes the gate and waits, up to {@code timeoutMs}, for deliveries under way. */
  public synchronized void close(long timeoutMs) throws InterruptedException {
    frozen = true;
    long until = System.currentTimeMillis() + timeoutMs;
    long left;
    while (deliveries > 0 && (left = until - System.currentTimeMillis()) > 0) {
      wait(left);
    }
  }

  /** Closed from the start: nothing is delivered until it is opened. */
  public synchronized void closeBeforeAnyDelivery() {
    frozen = true;
  }

  public synchronized void open() {
    frozen = false;
    notifyAll();
  }
}
