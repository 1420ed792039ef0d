package dev.lambdalogs.sandbox.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lambdalogs.sandbox.wire.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP side of the platform, at AWS_LAMBDA_RUNTIME_API: the Extensions API (2020-01-01) and the
 * Telemetry API's subscribe call (2022-07-01). State and decisions are the registry's; this only
 * speaks HTTP.
 */
public final class ExtensionsApi {
  private static final String EXTENSION = "/2020-01-01/extension/";

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "extensions-api");
            t.setDaemon(true);
            return t;
          });
  private final Registry registry;

  public ExtensionsApi(Registry registry) throws IOException {
    this.registry = registry;
    // without it the JDK's server writes headers and body in two segments, and Nagle's algorithm
    // with
    // the client's delayed ACK adds 40 ms to every answer: the post-runtime time would be all that
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(threads); // event/next long-polls hold a thread each
    server.createContext("/", this::route);
    server.start();
  }

  /** Its {@code host:port}, as {@code AWS_LAMBDA_RUNTIME_API} gives it. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void route(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String id = exchange.getRequestHeaders().getFirst("Lambda-Extension-Identifier");
      Reply reply;
      if (path.equals(EXTENSION + "register") && method.equals("POST")) {
        reply =
            registry.register(exchange.getRequestHeaders().getFirst("Lambda-Extension-Name"), body);
      } else if (path.equals(EXTENSION + "event/next") && method.equals("GET")) {
        reply = registry.next(id);
      } else if ((path.equals(EXTENSION + "init/error") || path.equals(EXTENSION + "exit/error"))
          && method.equals("POST")) {
        reply =
            registry.error(
                id,
                path.endsWith("init/error"),
                exchange.getRequestHeaders().getFirst("Lambda-Extension-Function-Error-Type"),
                body);
      } else if (path.replaceAll("/$", "").equals("/2022-07-01/telemetry")
          && method.equals("PUT")) {
        reply = registry.subscribe(id, body);
      } else {
        reply = Reply.error(404, "InvalidRequest", "no such API: " + method + " " + path);
      }
      send(exchange, reply);
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
    for (Map.Entry<String, String> header : reply.headers().entrySet()) {
      exchange.getResponseHeaders().put(header.getKey(), List.of(header.getValue()));
    }
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }
}
