package dev.lambdalogs.extension.lifecycle;

import dev.lambdalogs.contract.http.Http;
import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.extension.config.Mode;
import dev.lambdalogs.extension.util.PlainHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The Lambda Extensions API (2020-01-01): register, wait for the next event, report errors. */
public final class ExtensionsApi {
  static final String NAME = "lambdalogs";
  private static final int TIMEOUT_MS = 5_000;

  private final String runtimeApi;
  private String id;

  /**
   * @param runtimeApi host:port from {@code AWS_LAMBDA_RUNTIME_API}
   */
  public ExtensionsApi(String runtimeApi) {
    this.runtimeApi = runtimeApi;
  }

  /** The next lifecycle event, as the platform sent it. */
  public record Event(String type, String requestId, long deadlineMs, String shutdownReason) {
    public boolean isShutdown() {
      return "SHUTDOWN".equals(type);
    }
  }

  /**
   * Registers for the mode's events; the name must be the executable's file name in extensions/.
   */
  public void register(Mode mode) throws IOException {
    Http.Response response =
        PlainHttp.exchange(
            "POST",
            runtimeApi,
            path("register"),
            Map.of("Lambda-Extension-Name", NAME),
            ("{\"events\":" + mode.events + "}").getBytes(StandardCharsets.UTF_8),
            TIMEOUT_MS);
    id = response.header("Lambda-Extension-Identifier");
    if (!response.ok() || id == null) {
      throw new IOException(
          "registering with the Extensions API failed: HTTP "
              + response.status()
              + " "
              + response.text());
    }
  }

  public String id() {
    return id;
  }

  /** Blocks until the platform has the next event for this extension. */
  public Event next() throws IOException {
    Http.Response response =
        PlainHttp.exchange(
            "GET",
            runtimeApi,
            path("event/next"),
            Map.of("Lambda-Extension-Identifier", id),
            null,
            0);
    if (!response.ok()) {
      throw new IOException("event/next failed: HTTP " + response.status() + " " + response.text());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) Json.parse(response.text());
    Object deadline = body.get("deadlineMs");
    return new Event(
        (String) body.get("eventType"),
        (String) body.get("requestId"),
        deadline instanceof Double d ? d.longValue() : 0,
        (String) body.get("shutdownReason"));
  }

  /** Fails the environment's init with this error, which shows in the function's init error. */
  public void initError(String errorType, String message) throws IOException {
    reportError("init/error", errorType, message);
  }

  /** Tells the platform the extension is about to exit with an error. */
  public void exitError(String errorType, String message) throws IOException {
    reportError("exit/error", errorType, message);
  }

  private void reportError(String path, String errorType, String message) throws IOException {
    String body =
        "{\"errorMessage\":"
            + Json.quote(message)
            + ",\"errorType\":"
            + Json.quote(errorType)
            + "}";
    PlainHttp.exchange(
        "POST",
        runtimeApi,
        path(path),
        Map.of(
            "Lambda-Extension-Identifier",
            id,
            "Lambda-Extension-Function-Error-Type",
            errorType,
            "Content-Type",
            "application/json"),
        body.getBytes(StandardCharsets.UTF_8),
        TIMEOUT_MS);
  }

  private static String path(String path) {
    return "/2020-01-01/extension/" + path;
  }
}
