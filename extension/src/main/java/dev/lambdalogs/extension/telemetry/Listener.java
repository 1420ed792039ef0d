package dev.lambdalogs.extension.telemetry;

import dev.lambdalogs.extension.batch.Batcher;
import dev.lambdalogs.extension.util.Daemon;
import dev.lambdalogs.extension.util.Log;
import java.io.IOException;
import java.util.List;

/**
 * The HTTP endpoint the Telemetry API delivers to. Each delivery is answered as soon as its body is
 * in; a thread of its own reads the deliveries, in order, into the batcher. A malformed delivery is
 * counted (the next object's loss line says so) and logged, and the extension keeps running.
 */
public final class Listener {
  /** Read while the platform sends the next: room for two of the largest deliveries it sends. */
  static final long INBOX_BYTES = 2L * TelemetryApi.MAX_BYTES;

  private final PostServer server;
  private final Inbox inbox = new Inbox(INBOX_BYTES);
  private final Batcher batcher;
  private final Invocations invocations;
  private final Runnable onRestore;
  private volatile long lastDeliveryMillis;

  /**
   * Anonymous classes, not lambdas, here and on the rest of the start-up path: a lambda's first use
   * costs tens of milliseconds of CPU.
   *
   * @param onRestore run when the platform says the environment was restored from a snapshot
   */
  public Listener(Batcher batcher, boolean concurrent, Runnable onRestore) throws IOException {
    this.batcher = batcher;
    this.onRestore = onRestore;
    this.invocations = new Invocations(concurrent);
    this.server =
        new PostServer(
            new PostServer.Receiver() {
              @Override
              public byte[] buffer(int length) {
                return inbox.buffer(length);
              }

              @Override
              public int receive(byte[] body, int length) throws InterruptedException {
                inbox.put(body, length);
                lastDeliveryMillis = System.currentTimeMillis();
                return 200;
              }
            });
  }

  public void start() {
    server.start();
    Daemon.start(
        "lambdalogs-reader",
        new Runnable() {
          @Override
          public void run() {
            readDeliveries();
          }
        });
  }

  public int port() {
    return server.port();
  }

  private void readDeliveries() {
    try {
      while (true) {
        Inbox.Received delivery = inbox.take();
        try {
          read(delivery.bytes(), delivery.length());
        } catch (RuntimeException e) {
          // a defect of ours: this thread reads every delivery, so it must not die of one; the loss
          // is
          // counted in the archive like a malformed delivery, and said here
          long count = batcher.accountMalformed();
          Log.error(
              "a telemetry delivery could not be read ("
                  + count
                  + " skipped so far): "
                  + e
                  + " (please report it)");
        } finally {
          inbox.handBack(delivery.bytes()); // its events have been written into the batch
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void read(byte[] body, int length) {
    List<Event> events;
    try {
      events = Delivery.parse(body, length);
    } catch (IllegalArgumentException e) {
      long count = batcher.accountMalformed();
      Log.warn(
          "skipped a malformed telemetry delivery ("
              + count
              + " so far, "
              + length
              + " bytes): "
              + e.getMessage());
      return;
    }
    accept(events);
  }

  private void accept(List<Event> events) {
    for (Event event : events) {
      if (event.isPlatform("restoreStart")) {
        onRestore.run();
      }
      String requestId = invocations.requestIdFor(event);
      if (isOwnDiagnostic(event)) {
        continue;
      }
      batcher.add(event.line(requestId));
    }
  }

  private static boolean isOwnDiagnostic(Event event) {
    return "extension".equals(event.type())
        && event.recordText() != null
        && event.recordText().startsWith(Log.MARKER);
  }

  /**
   * Waits, until {@code untilMillis} at the latest, for what the platform still has to deliver, and
   * for every delivery received to be read: the {@code platform.report} of {@code requestId}, after
   * which all of that invocation's events have come; or, with no invocation to wait for (Managed
   * Instances send no INVOKE), until no delivery has come for twice the buffering timeout, counted
   * from now at the earliest.
   */
  public void awaitLastDeliveries(String requestId, long untilMillis) {
    long from = System.currentTimeMillis();
    long now;
    while ((now = System.currentTimeMillis()) < untilMillis
        && (!inbox.isIdle()
            || (requestId != null
                ? !requestId.equals(invocations.lastReported())
                : now - Math.max(from, lastDeliveryMillis) < 2 * TelemetryApi.TIMEOUT_MS))) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public void stop() {
    server.stop();
  }
}
