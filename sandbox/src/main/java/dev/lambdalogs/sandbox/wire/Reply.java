package dev.lambdalogs.sandbox.wire;

import dev.lambdalogs.contract.json.Json;
import java.util.Map;

/** An HTTP answer of the platform's APIs. */
public record Reply(int status, Map<String, String> headers, String body) {
  public static Reply ok(String body) {
    return new Reply(200, Map.of(), body);
  }

  public static Reply error(int status, String type, String message) {
    return new Reply(
        status, Map.of(), Json.write(Map.of("errorType", type, "errorMessage", message)));
  }
}
