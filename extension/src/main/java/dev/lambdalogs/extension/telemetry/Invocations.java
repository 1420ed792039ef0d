package dev.lambdalogs.extension.telemetry;

/**
 * Knows which invocation the events belong to, from the order Lambda delivers them in: a function or
 * extension line between {@code platform.start} and {@code platform.report} of a request belongs to that
 * request. Platform events name their request themselves. Also remembers the last report seen, which
 * shutdown waits for.
 */
public final class Invocations {
  private String current;
  private volatile String lastReported;

  /** The request id to add to this event, or null when it is not known. */
  public String requestIdFor(Event event) {
    String id = event.recordRequestId();
    if (id == null) {
      return event.type().startsWith("platform.") ? null : current;
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
