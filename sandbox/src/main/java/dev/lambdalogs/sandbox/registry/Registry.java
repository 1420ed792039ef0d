package dev.lambdalogs.sandbox.registry;

import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.sandbox.model.ExtensionStats;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.telemetry.Subscription;
import dev.lambdalogs.sandbox.telemetry.Telemetry;
import dev.lambdalogs.sandbox.wire.Reply;
import dev.lambdalogs.sandbox.wire.RequestJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The environment's extensions: their processes, and what the Extensions API knows of each
 * (registered for which events, waiting in event/next or not). Answers the API's calls, and lets
 * the lifecycle wait for the states it needs. One monitor guards it all; API calls notify the
 * waits.
 */
public final class Registry {
  /** The telemetry schema Managed Instances require. */
  static final String MANAGED_INSTANCES_SCHEMA = "2025-01-29";

  private final LambdaFunction function;
  private final Telemetry telemetry;
  private final Map<String, ExtensionProcess> processes = new LinkedHashMap<>();
  private final Map<String, Registration> registered = new LinkedHashMap<>();
  private final List<String> exitErrors = new ArrayList<>();
  private boolean initDone;
  private String initErrorType;
  private String initErrorMessage;

  public Registry(LambdaFunction function, Telemetry telemetry) {
    this.function = function;
    this.telemetry = telemetry;
  }

  /** Starts an extension's executable; its output lines become the extension's telemetry. */
  public synchronized void start(Path executable, Map<String, String> env) throws IOException {
    String name = executable.getFileName().toString();
    processes.put(
        name,
        ExtensionProcess.start(
            executable, env, line -> telemetry.log("extension", Json.quote(line))));
  }

  public synchronized Collection<ExtensionProcess> processes() {
    return List.copyOf(processes.values());
  }

  /**
   * Waits until every extension is registered and waiting for its first event, then closes
   * registration.
   *
   * @return the failure's error type, or null
   */
  public synchronized String awaitInit(long untilNanos, long timeoutMs) {
    String failure = initFailure(untilNanos, timeoutMs);
    initDone = true;
    return failure;
  }

  private String initFailure(long untilNanos, long timeoutMs) {
    while (true) {
      if (initErrorType != null) {
        return initErrorType;
      }
      for (ExtensionProcess process : processes.values()) {
        Registration r = byName(process.name);
        if (!process.alive() && (r == null || !r.waiting())) {
          initErrorMessage =
              "extension "
                  + process.name
                  + " exited with code "
                  + process.exitCode()
                  + " during init";
          return "Extension.Crash";
        }
      }
      if (registered.size() == processes.size()
          && registered.values().stream().allMatch(Registration::waiting)) {
        return null;
      }
      long left = (untilNanos - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        initErrorMessage = "extensions did not finish init in " + timeoutMs + " ms";
        return "Extension.InitTimeout";
      }
      waitQuietly(Math.min(left, 50));
    }
  }

  public synchronized String initErrorMessage() {
    return initErrorMessage;
  }

  /** Queues an event for each extension registered for its type. */
  public synchronized void dispatch(String eventType, String event) {
    for (Registration r : registered.values()) {
      if (r.events.contains(eventType)) {
        r.dispatched++;
        r.pending.add(event);
      }
    }
  }

  /** True when every living extension is back in event/next before the deadline. */
  public synchronized boolean awaitBack(long deadlineMillis) {
    while (!registered.values().stream()
        .allMatch(r -> r.waiting() || !processes.get(r.name).alive())) {
      long left = deadlineMillis - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      waitQuietly(Math.min(left, 50));
    }
    return true;
  }

  /**
   * The longest an INVOKE-registered extension took from receiving its last event to asking for the
   * next.
   */
  public synchronized double turnaroundMs() {
    return registered.values().stream()
        .filter(r -> r.events.contains("INVOKE"))
        .mapToDouble(r -> (r.backNanos - r.handedNanos) / 1e6)
        .max()
        .orElse(0);
  }

  public synchronized List<String> exitErrors() {
    return List.copyOf(exitErrors);
  }

  /** Every line the extensions printed, in order per stream. */
  public synchronized List<String> output() {
    List<String> all = new ArrayList<>();
    processes.values().forEach(p -> all.addAll(p.output()));
    return all;
  }

  public synchronized List<ExtensionStats> stats() {
    return processes.values().stream().map(ExtensionProcess::stats).toList();
  }

  // --- the Extensions API's calls, from ExtensionsApi ---

  synchronized Reply register(String name, String body) {
    if (initDone) {
      return Reply.error(403, "Extension.InvalidState", "extensions register during init only");
    }
    if (name == null || !processes.containsKey(name)) {
      return Reply.error(
          400,
          "InvalidRequest",
          "Lambda-Extension-Name must be the extension's file name, got " + name);
    }
    if (byName(name) != null) {
      return Reply.error(400, "InvalidRequest", name + " is registered already");
    }
    Set<String> events;
    try {
      events = eventsOf(body);
    } catch (IllegalArgumentException e) {
      return Reply.error(400, "InvalidRequest", e.getMessage());
    }
    if (function.concurrent() && events.contains("INVOKE")) {
      return Reply.error(
          403,
          "Extension.InvalidEventType",
          "INVOKE: Managed Instances send extensions SHUTDOWN only");
    }
    Registration r = new Registration(name, events);
    registered.put(r.id, r);
    telemetry.platform(
        "extension",
        Telemetry.record("name", name, "state", "Ready", "events", List.copyOf(events)));
    notifyAll();
    return new Reply(
        200,
        Map.of("Lambda-Extension-Identifier", r.id),
        Json.write(
            Telemetry.record(
                "functionName",
                function.name(),
                "functionVersion",
                "$LATEST",
                "handler",
                "sandbox.handler",
                "accountId",
                "123456789012")));
  }

  private static Set<String> eventsOf(String body) {
    JsonNode request = RequestJson.parse(body);
    List<JsonNode> events =
        request.isObject()
            ? request.field("events").filter(JsonNode::isArray).map(JsonNode::asArray).orElse(null)
            : null;
    if (events == null
        || !events.stream()
            .allMatch(e -> e.isString() && Set.of("INVOKE", "SHUTDOWN").contains(e.asString()))) {
      throw new IllegalArgumentException(
          "the body must be {\"events\": [...]} with INVOKE and/or SHUTDOWN");
    }
    return Set.copyOf(events.stream().map(JsonNode::asString).toList());
  }

  Reply next(String id) {
    Registration r;
    synchronized (this) {
      r = registered.get(id);
      if (r == null) {
        return Reply.error(403, "Extension.Unknown", "unknown Lambda-Extension-Identifier");
      }
      r.nextCalls++;
      r.backNanos = System.nanoTime();
      processes.get(r.name).ready();
      notifyAll();
    }
    try {
      String event = r.pending.take();
      synchronized (this) {
        r.handedNanos = System.nanoTime();
      }
      return new Reply(
          200, Map.of("Lambda-Extension-Event-Identifier", UUID.randomUUID().toString()), event);
    } catch (InterruptedException e) {
      return Reply.error(500, "Sandbox.Stopped", "the environment stopped");
    }
  }

  synchronized Reply error(String id, boolean init, String errorType, String body) {
    Registration r = registered.get(id);
    if (r == null) {
      return Reply.error(403, "Extension.Unknown", "unknown Lambda-Extension-Identifier");
    }
    String type = errorType == null ? "Extension.Unknown" : errorType;
    String message = messageOf(body);
    if (init && !initDone) {
      initErrorType = type;
      initErrorMessage = message;
    } else {
      exitErrors.add(r.name + ": " + type + ": " + message);
    }
    notifyAll();
    return new Reply(202, Map.of(), "{\"status\":\"OK\"}");
  }

  /** The body's errorMessage, or the body itself when it has none. */
  private static String messageOf(String body) {
    try {
      JsonNode error = RequestJson.parse(body);
      return error.isObject() ? error.field("errorMessage").map(JsonNode::text).orElse(body) : body;
    } catch (IllegalArgumentException e) {
      return body;
    }
  }

  Reply subscribe(String id, String body) {
    Registration r;
    synchronized (this) {
      r = registered.get(id);
    }
    if (r == null) {
      return Reply.error(403, "Extension.Unknown", "unknown Lambda-Extension-Identifier");
    }
    try {
      Subscription subscription = Subscription.parse(r.name, body);
      if (function.concurrent() && !MANAGED_INSTANCES_SCHEMA.equals(subscription.schemaVersion())) {
        throw new IllegalArgumentException(
            "schemaVersion must be "
                + MANAGED_INSTANCES_SCHEMA
                + " on Managed Instances, got "
                + subscription.schemaVersion());
      }
      telemetry.subscribe(subscription);
      telemetry.platform(
          "telemetrySubscription",
          Telemetry.record(
              "name",
              r.name,
              "state",
              "Subscribed",
              "types",
              subscription.types().stream().sorted().toList()));
      return Reply.ok("OK");
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Reply.error(400, "ValidationError", e.getMessage());
    }
  }

  private Registration byName(String name) {
    return registered.values().stream().filter(r -> r.name.equals(name)).findFirst().orElse(null);
  }

  private void waitQuietly(long ms) {
    try {
      wait(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
