package dev.lambdalogs.extension.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.lambdalogs.extension.batch.Batcher;
import dev.lambdalogs.extension.util.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The HTTP endpoint the Telemetry API delivers to. Each delivery's events go, in order, into the
 * batcher; a malformed delivery gets a 400 and is counted, and the extension keeps running.
 */
public final class Listener {
  private final HttpServer server;
  private final Batcher batcher;
  private final Invocations invocations;
  private final Runnable onRestore;
  private volatile long lastDeliveryMillis;

  /**
   * Binds an ephemeral port (anonymous classes, not lambdas, here and on the rest of the start-up path:
   * a lambda's first use costs tens of milliseconds of CPU) on every interface: inside Lambda the platform reaches it as
   * sandbox.localdomain, which is not resolvable elsewhere, and the sandbox has no other network.
   *
   * @param onRestore run when the platform says the environment was restored from a snapshot
   */
  public Listener(Batcher batcher, boolean concurrent, Runnable onRestore) throws IOException {
    this.batcher = batcher;
    this.onRestore = onRestore;
    this.invocations = new Invocations(concurrent);
    // answers in one segment: no 40 ms Nagle/delayed-ACK stall on each delivery
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.server = HttpServer.create(new InetSocketAddress(0), 0);
    // one thread: events of one environment stay in the order Lambda sent them
    server.setExecutor(Executors.newSingleThreadExecutor(new ThreadFactory() {
      @Override
      public Thread newThread(Runnable r) {
        Thread t = new Thread(r, "lambdalogs-listener");
        t.setDaemon(true);
        return t;
      }
    }));
    server.createContext("/", new HttpHandler() {
      @Override
      public void handle(HttpExchange exchange) throws IOException {
        Listener.this.handle(exchange);
      }
    });
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, "POST only");
        return;
      }
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<Event> events;
      try {
        events = Delivery.parse(body);
      } catch (IllegalArgumentException e) {
        long count = batcher.accountMalformed();
        Log.warn("refused a malformed telemetry delivery (" + count + " so far, " + body.length() + " bytes): "
            + e.getMessage());
        reply(exchange, 400, "malformed delivery: " + e.getMessage());
        return;
      }
      accept(events);
      lastDeliveryMillis = System.currentTimeMillis();
      reply(exchange, 200, "");
    }
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
      batcher.add(event.time(), event.line(requestId));
    }
  }

  private static boolean isOwnDiagnostic(Event event) {
    return "extension".equals(event.type()) && event.recordText() != null
        && event.recordText().startsWith(Log.MARKER);
  }

  private static void reply(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  /**
   * Waits, until {@code untilMillis} at the latest, for what the platform still has to deliver: the
   * {@code platform.report} of {@code requestId}, after which all of that invocation's events have come;
   * or, with no invocation to wait for (Managed Instances send no INVOKE), until no delivery has come for
   * twice the buffering timeout, counted from now at the earliest.
   */
  public void awaitLastDeliveries(String requestId, long untilMillis) {
    long from = System.currentTimeMillis();
    long now;
    while ((now = System.currentTimeMillis()) < untilMillis && (requestId != null
        ? !requestId.equals(invocations.lastReported())
        : now - Math.max(from, lastDeliveryMillis) < 2 * TelemetryApi.TIMEOUT_MS)) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public void stop() {
    server.stop(0);
  }
}
