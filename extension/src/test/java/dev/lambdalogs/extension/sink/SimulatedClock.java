package dev.lambdalogs.extension.sink;

import dev.lambdalogs.extension.util.Clock;

/**
 * A clock for one thread: waiting moves it forward at once, so a test runs years of backoff in no
 * time and the same way on any machine. An action can be set for a moment; a wait that reaches it
 * stops there and runs it, as another thread's call at that moment would.
 */
final class SimulatedClock implements Clock {
  private long now = 1_764_000_000_000L;
  private long actionAt = Long.MAX_VALUE;
  private Runnable action;

  @Override
  public long millis() {
    return now;
  }

  @Override
  public void await(Object lock, long ms) {
    if (!Thread.holdsLock(lock)) {
      throw new IllegalMonitorStateException("await without holding the lock");
    }
    long until = now + ms;
    if (action != null && actionAt <= until) {
      now = Math.max(now, actionAt);
      Runnable due = action;
      action = null;
      due.run();
      return;
    }
    now = until;
  }

  /** Runs {@code action} when a wait reaches {@code millis}. */
  void at(long millis, Runnable action) {
    this.actionAt = millis;
    this.action = action;
  }
}
