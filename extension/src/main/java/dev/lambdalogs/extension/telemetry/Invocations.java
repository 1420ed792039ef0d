package dev.lambdalogs.extension.telemetry;

/**
 * Knows which invocation the events belong to. Platform events, and function lines in the JSON log
 * format, name their request themselves. Other lines belong to the request whose {@code
 * platform.start} came last before them, where invocations never overlap; where they do (Managed
 * Instances), a line that names no request is kept without one. Also remembers the last report
 * seen, which shutdown waits for.
 */
public final class Invocations {
  private final boolean concurrent;
  private String current;
  private volatile String lastReported;

  public Invocations(boolean concurrent) {
    this.concurrent = concurrent;
  }

  /** The request id to add to this event, or null when it is not known. */
  public String requestIdFor(Event event) {
    String id = event.recordRequestId();
    if (id == null) {
      return event.type().startsWith("platform.") || concurrent ? null : current;
    }
    if (event.isPlatform("start")) {
      current = id;
    } else if (event.isPlatform("report")) {
      lastReported = id;
      if (id.equals(current)) {
        current = null;
      }
    }
    return id;
  }

  public String lastReported() {
    return lastReported;
  }
}
