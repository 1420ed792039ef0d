package dev.lambdalogs.sandbox.model;

import java.util.List;
import java.util.Map;

/**
 * How the shutdown went: each extension's exit code, those killed at the deadline, the errors they
 * reported.
 */
public record ShutdownResult(
    Map<String, Integer> exitCodes,
    List<String> killed,
    long durationMs,
    List<String> exitErrors) {}
