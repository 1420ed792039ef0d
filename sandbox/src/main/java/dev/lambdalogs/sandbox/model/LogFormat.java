package dev.lambdalogs.sandbox.model;

/** The function's log format: {@code AWS_LAMBDA_LOG_FORMAT}, which shapes its function records. */
public enum LogFormat {
  TEXT,
  JSON
}
