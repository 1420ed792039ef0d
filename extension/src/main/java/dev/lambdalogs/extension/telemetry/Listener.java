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
 * The HTTP endpoint the Telemetry API delivers to. Each delivery is answered as soon as its body is in;
 * a thread of its own reads the deliveries, in order, into the batcher. A malformed delivery is counted
 * (the next object's loss line says so) and logged, and the extension keeps running.
 */
public final class Listener {
  /** Read while the platform sends the next: room for two of the largest deliveries it sends. */
  static final long INBOX_BYTES = 2L * TelemetryApi.MAX_BYTES;

  private final HttpServer server;
  private final Inbox inbox = new Inbox(INBOX_BYTES);
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
    Thread reader = new Thread(new Runnable() {
      @Override
      public void run() {
        readDeliveries();
      }
    }, "lambdalogs-reader");
    reader.setDaemon(true);
    reader.start();
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
      byte[] body = read(exchange, in);
      try {
        inbox.put(body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reply(exchange, 503, "shutting down");
        return;
      }
      lastDeliveryMillis = System.currentTimeMillis();
      reply(exchange, 200, "");
    }
  }

  private void readDeliveries() {
    try {
      while (true) {
        read(inbox.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void read(byte[] body) {
    List<Event> events;
    try {
      events = Delivery.parse(body);
    } catch (IllegalArgumentException e) {
      long count = batcher.accountMalformed();
      Log.warn("skipped a malformed telemetry delivery (" + count + " so far, " + body.length + " bytes): "
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

  /**
   * The body in one array of its announced length (the server has checked the header), not a growing
   * buffer copied over and over; a body cut short reads as malformed.
   */
  private static byte[] read(HttpExchange exchange, InputStream in) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    return length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
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
   * Waits, until {@code untilMillis} at the latest, for what the platform still has to deliver, and for
   * every delivery received to be read: the
   * {@code platform.report} of {@code requestId}, after which all of that invocation's events have come;
   * or, with no invocation to wait for (Managed Instances send no INVOKE), until no delivery has come for
   * twice the buffering timeout, counted from now at the earliest.
   */
  public void awaitLastDeliveries(String requestId, long untilMillis) {
    long from = System.currentTimeMillis();
    long now;
    while ((now = System.currentTimeMillis()) < untilMillis && (!inbox.isIdle() || (requestId != null
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
    server.stop(0);
  }
}
