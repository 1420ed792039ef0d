package dev.lambdalogs.extension.telemetry;

import dev.lambdalogs.contract.http.Http;
import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.extension.config.Mode;
import dev.lambdalogs.extension.util.PlainHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Subscribes the listener to the Telemetry API (2022-07-01 path, the mode's schema). */
public final class TelemetryApi {
  /**
   * Deliveries as large as the API allows, and a short timeout: fewer requests under load, and at
   * shutdown the last invocation's report arrives within a tenth of a second.
   */
  static final int MAX_ITEMS = 10_000;

  static final int MAX_BYTES = 1_048_576;
  static final int TIMEOUT_MS = 100;

  private TelemetryApi() {}

  public static void subscribe(
      String runtimeApi, String extensionId, int port, Set<String> types, Mode mode)
      throws IOException {
    StringBuilder typeList = new StringBuilder();
    for (String type : new TreeSet<>(types)) {
      typeList.append(typeList.length() == 0 ? "" : ",").append(Json.quote(type));
    }
    String body =
        "{\"schemaVersion\":\""
            + mode.telemetrySchema
            + "\",\"destination\":{\"protocol\":\"HTTP\","
            + "\"URI\":\"http://sandbox.localdomain:"
            + port
            + "\"},\"types\":["
            + typeList
            + "],"
            + "\"buffering\":{\"maxItems\":"
            + MAX_ITEMS
            + ",\"maxBytes\":"
            + MAX_BYTES
            + ",\"timeoutMs\":"
            + TIMEOUT_MS
            + "}}";
    Http.Response response =
        PlainHttp.exchange(
            "PUT",
            runtimeApi,
            "/2022-07-01/telemetry",
            Map.of("Lambda-Extension-Identifier", extensionId, "Content-Type", "application/json"),
            body.getBytes(StandardCharsets.UTF_8),
            5_000);
    if (!response.ok()) {
      throw new IOException(
          "the Telemetry API refused the subscription: HTTP "
              + response.status()
              + " "
              + response.text());
    }
  }
}
