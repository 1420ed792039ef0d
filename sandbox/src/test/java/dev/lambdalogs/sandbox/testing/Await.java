package dev.lambdalogs.sandbox.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waiting on a condition, never on the clock: a test passes as soon as what it waits for is true.
 */
public final class Await {
  private Await() {}

  /**
   * Waits until {@code condition} holds; fails, naming it, after 20 s: long past any healthy
   * machine.
   */
  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("waited 20 s for: " + what);
      }
      Thread.sleep(20);
    }
  }
}
