package dev.lambdalogs.sandbox.model;

/**
 * How one invocation went.
 *
 * @param postRuntimeMs from the handler's return until every extension was back in event/next
 * @param turnaroundMs the longest an extension took from receiving INVOKE to its next event/next
 *     call
 */
public record InvokeResult(
    String requestId, String status, long durationMs, double postRuntimeMs, double turnaroundMs) {}
