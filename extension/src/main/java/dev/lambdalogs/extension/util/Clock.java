package dev.lambdalogs.extension.util;

/**
 * The time, and waiting on a lock for some of it. The shipper's retries, backoff and deadline are
 * decided by it: the system's clock in Lambda, a clock moved by hand in tests.
 */
public interface Clock {
  Clock SYSTEM = new SystemClock();

  long millis();

  /**
   * Waits on {@code lock}, which the caller holds, for up to {@code ms} or until it is notified.
   */
  void await(Object lock, long ms);

  /**
   * The system's clock. A class, not a lambda: no lambda is bootstrapped before the first event.
   */
  final class SystemClock implements Clock {
    private SystemClock() {}

    @Override
    public long millis() {
      return System.currentTimeMillis();
    }

    @Override
    public void await(Object lock, long ms) {
      try {
        lock.wait(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
