package dev.lambdalogs.extension.sink;

import java.io.IOException;

/**
 * A write the sink refused. {@code transient} ones (throttling, 5xx, timeouts) pass by themselves;
 * the others (no bucket, no permission) need the user, and the message says what to do.
 */
public final class SinkException extends IOException {
  private final boolean transientFailure;

  public SinkException(String message, boolean transientFailure) {
    super(message);
    this.transientFailure = transientFailure;
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
