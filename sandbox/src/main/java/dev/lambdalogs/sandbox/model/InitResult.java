package dev.lambdalogs.sandbox.model;

/** How the init phase went: {@code errorType} as the platform's events name it when it failed. */
public record InitResult(boolean ok, String errorType, String errorMessage, long durationMs) {}
