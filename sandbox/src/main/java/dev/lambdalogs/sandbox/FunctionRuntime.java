package dev.lambdalogs.sandbox;

import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.sandbox.model.Handler;
import dev.lambdalogs.sandbox.model.Invocation;
import dev.lambdalogs.sandbox.model.LogFormat;
import dev.lambdalogs.sandbox.telemetry.Telemetry;
import dev.lambdalogs.sandbox.telemetry.Times;
import java.util.Map;

/**
 * The function's side of the environment: it runs the handler, and turns what the function prints
 * into {@code function} telemetry, as text or, with the JSON log format, as records naming their
 * request.
 */
final class FunctionRuntime {
  private final LogFormat format;
  private final Telemetry telemetry;

  FunctionRuntime(LogFormat format, Telemetry telemetry) {
    this.format = format;
    this.telemetry = telemetry;
  }

  /**
   * Runs the handler for one request; returns the invocation's status, as the platform reports it.
   */
  String run(Handler handler, String requestId) {
    Invocation invocation =
        new Invocation() {
          @Override
          public String requestId() {
            return requestId;
          }

          @Override
          public void log(String message) {
            log("INFO", message);
          }

          @Override
          public void log(String level, String message) {
            line(level, requestId, message);
          }
        };
    try {
      handler.handle(invocation);
      return "success";
    } catch (Exception e) {
      invocation.log("ERROR", "Invoke Error " + e);
      return "error";
    }
  }

  /** A line on the function's stdout; {@code requestId} null outside any invocation. */
  void line(String level, String requestId, String message) {
    if (format != LogFormat.JSON) {
      telemetry.log("function", Json.quote(message));
      return;
    }
    Map<String, Object> record = Telemetry.record("timestamp", Times.now(), "level", level);
    if (requestId != null) {
      record.put("requestId", requestId);
    }
    record.put("message", message);
    telemetry.log("function", Json.write(record));
  }
}
