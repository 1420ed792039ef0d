package dev.lambdalogs.sandbox.model;

/**
 * The platform's limits.
 *
 * @param maxQueuedBytes telemetry held per subscriber before the platform drops (and says so)
 * @param shutdownDeadlineMs how long extensions get after SHUTDOWN before they are killed
 */
public record Limits(
    long maxQueuedBytes, long shutdownDeadlineMs, long initTimeoutMs, long invokeTimeoutMs) {
  public static Limits defaults() {
    return new Limits(64L << 20, 2_000, 10_000, 30_000);
  }
}
