package dev.lambdalogs.sandbox.testing;

import com.sun.net.httpserver.HttpServer;
import dev.lambdalogs.contract.http.Http;
import dev.lambdalogs.contract.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A small external extension for testing the sandbox emulator itself, run as its own process from a
 * layer the test makes. PROBE_MODE says how it misbehaves; every delivery it gets is appended, one
 * JSON array a line, to PROBE_OUT.
 */
public final class ProbeExtension {
  private ProbeExtension() {}

  public static void main(String[] args) throws Exception {
    String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
    String mode = System.getenv().getOrDefault("PROBE_MODE", "normal");
    Path out = Path.of(System.getenv("PROBE_OUT"));
    String events = System.getenv().getOrDefault("PROBE_EVENTS", "[\"INVOKE\",\"SHUTDOWN\"]");
    Http.Response registered =
        Http.exchange(
            "POST",
            URI.create("http://" + api + "/2020-01-01/extension/register"),
            Map.of("Lambda-Extension-Name", "probe"),
            ("{\"events\":" + events + "}").getBytes(StandardCharsets.UTF_8),
            2000,
            2000);
    System.out.println("register: " + registered.status() + " " + registered.text());
    if (!registered.ok()) {
      System.exit(1); // as an extension does that cannot register
    }
    String id = registered.header("Lambda-Extension-Identifier");
    String schema = System.getenv().getOrDefault("PROBE_SCHEMA", "2022-12-13");
    long delayMs = mode.equals("slow") ? 300 : 0;
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          sleep(delayMs);
          append(out, new String(body, StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    String buffering =
        System.getenv()
            .getOrDefault(
                "PROBE_BUFFERING", "{\"maxItems\":1000,\"maxBytes\":262144,\"timeoutMs\":25}");
    Http.Response subscribed =
        Http.exchange(
            "PUT",
            URI.create("http://" + api + "/2022-07-01/telemetry"),
            Map.of("Lambda-Extension-Identifier", id),
            ("{\"schemaVersion\":\""
                    + schema
                    + "\",\"destination\":{\"protocol\":"
                    + "\"HTTP\",\"URI\":\"http://sandbox.localdomain:"
                    + server.getAddress().getPort()
                    + "\"},\"types\":"
                    + "[\"platform\",\"function\"],\"buffering\":"
                    + buffering
                    + "}")
                .getBytes(StandardCharsets.UTF_8),
            2000,
            2000);
    System.out.println("subscribe: " + subscribed.status() + " " + subscribed.text());
    while (true) {
      Http.Response next =
          Http.exchange(
              "GET",
              URI.create("http://" + api + "/2020-01-01/extension/event/next"),
              Map.of("Lambda-Extension-Identifier", id),
              null,
              2000,
              0);
      Map<?, ?> event = (Map<?, ?>) Json.parse(next.text());
      if ("SHUTDOWN".equals(event.get("eventType"))) {
        if (mode.equals("ignore-shutdown")) {
          sleep(60_000);
        }
        sleep(1_500); // the last deliveries: a subscriber waits for them as long as its deadline
        // allows
        System.exit(0);
      }
    }
  }

  private static synchronized void append(Path out, String delivery) {
    try {
      Files.writeString(
          out,
          delivery.replace("\n", " ") + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A layer whose extensions/probe runs this class on the test's own JVM and class path. */
  public static Path layer(Path dir) throws IOException {
    Path script = dir.resolve("extensions/probe");
    Files.createDirectories(script.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(
        script,
        "#!/bin/sh\nexec '"
            + java
            + "' -cp '"
            + classPath()
            + "' "
            + ProbeExtension.class.getName()
            + "\n");
    script.toFile().setExecutable(true);
    return dir;
  }

  /** This class's class path: the test JVM's, or the class loader's under Maven's exec:java. */
  private static String classPath() {
    if (ProbeExtension.class.getClassLoader() instanceof java.net.URLClassLoader loader
        && loader.getURLs().length > 0) {
      StringBuilder path = new StringBuilder();
      for (java.net.URL url : loader.getURLs()) {
        try {
          path.append(path.length() == 0 ? "" : ":").append(Path.of(url.toURI()));
        } catch (java.net.URISyntaxException e) {
          throw new IllegalStateException(e);
        }
      }
      return path.toString();
    }
    return System.getProperty("java.class.path");
  }

  /** Every delivery received, in order: each a JSON array of events. */
  @SuppressWarnings("unchecked")
  public static List<List<Map<String, Object>>> deliveries(Path out) throws IOException {
    if (!Files.exists(out)) {
      return List.of();
    }
    return Files.readAllLines(out).stream()
        .map(l -> (List<Map<String, Object>>) Json.parse(l))
        .toList();
  }
}
