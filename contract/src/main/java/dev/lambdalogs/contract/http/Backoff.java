package dev.lambdalogs.contract.http;

import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before retrying a request to S3. */
public final class Backoff {
  private static final long BASE_MS = 100;

  private Backoff() {}

  /** Exponential backoff with "equal jitter": half the step for sure, the other half at random. */
  public static long delay(int attempt, long capMs) {
    long step = Math.min(capMs, BASE_MS << Math.min(attempt, 20));
    return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
  }
}
