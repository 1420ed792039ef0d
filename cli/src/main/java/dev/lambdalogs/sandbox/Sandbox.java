package dev.lambdalogs.sandbox;

import dev.lambdalogs.contract.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/**
 * A Lambda execution environment on this machine, for external extensions: it runs the executables of
 * an unzipped layer's extensions/ folder as separate processes and plays the platform's part of the
 * Extensions and Telemetry APIs through init, invocations (freezing the processes in between) and
 * shutdown with its deadline. The function itself is Java code that logs.
 */
public final class Sandbox implements AutoCloseable {
  public enum LogFormat { TEXT, JSON }

  /**
   * How Lambda runs the function. {@code MANAGED_INSTANCES}: invocations run at once and the environment
   * is never frozen; extensions may register for SHUTDOWN only and subscribe with schema 2025-01-29;
   * there is no {@code platform.runtimeDone}, and {@code platform.report} carries only its duration.
   */
  public enum Mode {
    ON_DEMAND("on-demand"), MANAGED_INSTANCES("lambda-managed-instances"),
    /**
     * A copy restored from a snapshot taken after init, {@link #SNAPSHOT_AGE} before its first invocation:
     * nothing is delivered before the restore; then the init's events, with the snapshot's times, then
     * {@code platform.restoreStart}, {@code restoreRuntimeDone} and {@code restoreReport}.
     */
    SNAP_START("snap-start");

    /** {@code AWS_LAMBDA_INITIALIZATION_TYPE}, and the platform events' {@code initializationType} */
    final String initializationType;

    Mode(String initializationType) {
      this.initializationType = initializationType;
    }
  }

  /** The function the environment is for: what Lambda would read from its configuration. */
  public record Function(String name, Map<String, String> environment, LogFormat logFormat, int memoryMb,
      String region, Mode mode) {
    public Function(String name, Map<String, String> environment) {
      this(name, environment, LogFormat.TEXT, 128, "us-east-1", Mode.ON_DEMAND);
    }

    /** A Managed Instances function: JSON logs only, 2 GB at least. */
    public static Function managedInstances(String name, Map<String, String> environment) {
      return new Function(name, environment, LogFormat.JSON, 2048, "us-east-1", Mode.MANAGED_INSTANCES);
    }

    boolean concurrent() {
      return mode == Mode.MANAGED_INSTANCES;
    }
  }

  /** How long before a SnapStart environment's first invocation its snapshot was taken. */
  public static final java.time.Duration SNAPSHOT_AGE = java.time.Duration.ofHours(3);

  /** The telemetry schema Managed Instances require. */
  static final String MANAGED_INSTANCES_SCHEMA = "2025-01-29";

  /**
   * @param maxQueuedBytes telemetry held per subscriber before the platform drops (and says so)
   * @param shutdownDeadlineMs how long extensions get after SHUTDOWN before they are killed
   */
  public record Options(long maxQueuedBytes, long shutdownDeadlineMs, long initTimeoutMs, long invokeTimeoutMs) {
    public static Options defaults() {
      return new Options(64L << 20, 2_000, 10_000, 30_000);
    }
  }

  /** The function's code: it logs through the invocation. */
  public interface Handler {
    void handle(Invocation invocation) throws Exception;
  }

  public interface Invocation {
    String requestId();

    /** One line on the function's stdout. */
    void log(String message);

    /** One line at a level; with the JSON log format it becomes the record's "level". */
    void log(String level, String message);
  }

  public record InitResult(boolean ok, String errorType, String errorMessage, long durationMs) {}

  /**
   * @param postRuntimeMs from the handler's return until every extension was back in event/next
   * @param turnaroundMs the longest an extension took from receiving INVOKE to its next event/next call
   */
  public record InvokeResult(String requestId, String status, long durationMs, double postRuntimeMs,
      double turnaroundMs) {}

  public record ShutdownResult(Map<String, Integer> exitCodes, List<String> killed, long durationMs,
      List<String> exitErrors) {}

  /**
   * What one extension process cost, read from /proc.
   *
   * @param executable the program the process runs (after the launcher's exec: the JVM)
   * @param initMs from its start to its first event/next
   */
  public record ExtensionStats(String name, String executable, long initMs, long initCpuMs, long cpuMs,
      long peakRssKb) {}

  /** An HTTP answer of the platform's APIs. */
  record Reply(int status, Map<String, String> headers, String body) {
    static Reply ok(String body) {
      return new Reply(200, Map.of(), body);
    }

    static Reply error(int status, String type, String message) {
      return new Reply(status, Map.of(), Json.write(Map.of("errorType", type, "errorMessage", message)));
    }
  }

  /** An extension as the Extensions API knows it, from its register call on. */
  private static final class Registered {
    final String id = UUID.randomUUID().toString();
    final String name;
    final Set<String> events;
    final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();
    int nextCalls;
    int dispatched;
    long handedNanos;
    long backNanos;

    Registered(String name, Set<String> events) {
      this.name = name;
      this.events = events;
    }

    boolean waiting() {
      return nextCalls > dispatched;
    }
  }

  private final Function function;
  private final Options options;
  private final Gate gate = new Gate();
  private final Telemetry telemetry;
  private final ExtensionsApiServer server;
  private final Map<String, ExtensionProcess> processes = new LinkedHashMap<>();
  private final Map<String, Registered> registered = new LinkedHashMap<>();
  private final List<String> exitErrors = new ArrayList<>();
  private String initErrorType;
  private String initErrorMessage;
  private boolean initDone;
  private InitResult initResult;
  private boolean shutDown;
  private boolean platformStopped;
  private boolean restored;

  private Sandbox(Function function, Options options) throws IOException {
    this.function = function;
    this.options = options;
    this.telemetry = new Telemetry(gate, options.maxQueuedBytes());
    this.server = new ExtensionsApiServer(this);
  }

  /** Starts the environment and runs its init phase; see {@link #initResult()} for how it went. */
  public static Sandbox start(Path layerDir, Function function, Options options) throws IOException {
    Sandbox sandbox = new Sandbox(function, options);
    try {
      sandbox.init(layerDir);
    } catch (IOException | RuntimeException e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  public InitResult initResult() {
    return initResult;
  }

  private void init(Path layerDir) throws IOException {
    long started = System.nanoTime();
    if (function.mode() == Mode.SNAP_START) {
      telemetry.shift(-SNAPSHOT_AGE.toMillis()); // the init ran when the snapshot was taken
      gate.closeBeforeAnyDelivery(); // and what it said is delivered only once a copy is restored
    }
    telemetry.platform("initStart", ordered("initializationType", function.mode().initializationType, "phase", "init",
        "runtimeVersion", "lambdalogs-sandbox", "functionName", function.name(), "functionVersion", "$LATEST",
        "instanceId", UUID.randomUUID().toString(), "instanceMaxMemory", function.memoryMb() * 1024 * 1024));
    List<Path> executables = executables(layerDir.resolve("extensions"));
    Map<String, String> env = environment();
    synchronized (this) {
      for (Path executable : executables) {
        String name = executable.getFileName().toString();
        processes.put(name, ExtensionProcess.start(executable, env, line -> telemetry.log("extension", Json.quote(line))));
      }
    }
    String failure = awaitInit(started + options.initTimeoutMs() * 1_000_000L);
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    String status = failure == null ? "success" : "error";
    Map<String, Object> done = ordered("initializationType", function.mode().initializationType, "phase", "init",
        "status", status);
    if (failure != null) {
      done.put("errorType", failure);
    }
    telemetry.platform("initRuntimeDone", done);
    Map<String, Object> report = new LinkedHashMap<>(done);
    report.put("metrics", Map.of("durationMs", durationMs));
    telemetry.platform("initReport", report);
    synchronized (this) {
      initDone = true;
      initResult = new InitResult(failure == null, failure, initErrorMessage, durationMs);
    }
    telemetry.initDone();
    telemetry.shift(0);
    if (failure == null) {
      if (!function.concurrent()) {
        freeze();
      }
    } else {
      processes.values().forEach(ExtensionProcess::kill);
    }
  }

  private static List<Path> executables(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException("no extensions/ folder in the layer: " + folder);
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> found = files.filter(f -> Files.isRegularFile(f) && Files.isExecutable(f)).sorted().toList();
      if (found.isEmpty()) {
        throw new IOException("no executable in " + folder + " (check the launcher's mode is 0755)");
      }
      return found;
    }
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    env.put("TZ", ":UTC");
    env.put("LANG", "en_US.UTF-8");
    env.put("AWS_REGION", function.region());
    env.put("AWS_DEFAULT_REGION", function.region());
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.mode().initializationType);
    env.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat() == LogFormat.JSON ? "JSON" : "Text");
    env.putAll(function.environment());
    env.put("AWS_LAMBDA_RUNTIME_API", server.address());
    return env;
  }

  /** Waits until every extension is registered and waiting for its first event; returns the failure, if any. */
  private synchronized String awaitInit(long untilNanos) {
    while (true) {
      if (initErrorType != null) {
        return initErrorType;
      }
      for (ExtensionProcess process : processes.values()) {
        Registered r = byName(process.name);
        if (!process.alive() && (r == null || !r.waiting())) {
          initErrorMessage = "extension " + process.name + " exited with code " + process.exitCode() + " during init";
          return "Extension.Crash";
        }
      }
      if (registered.size() == processes.size() && registered.values().stream().allMatch(Registered::waiting)) {
        return null;
      }
      long left = (untilNanos - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        initErrorMessage = "extensions did not finish init in " + options.initTimeoutMs() + " ms";
        return "Extension.InitTimeout";
      }
      waitQuietly(Math.min(left, 50));
    }
  }

  /**
   * Runs one invocation: INVOKE to the extensions, the handler, then waits for every extension's next call.
   * On Managed Instances, no INVOKE and no waiting: call it from many threads at once.
   */
  public InvokeResult invoke(Handler handler) {
    requireRunning();
    String requestId = UUID.randomUUID().toString();
    if (function.concurrent()) {
      return invokeAlongsideOthers(handler, requestId);
    }
    if (function.mode() == Mode.SNAP_START && !restored) {
      restore();
    }
    thaw();
    long deadline = System.currentTimeMillis() + options.invokeTimeoutMs();
    dispatch("INVOKE", Json.write(ordered("eventType", "INVOKE", "deadlineMs", deadline, "requestId", requestId,
        "invokedFunctionArn", "arn:aws:lambda:" + function.region() + ":123456789012:function:" + function.name(),
        "tracing", Map.of("type", "X-Amzn-Trace-Id", "value", "Root=1-" + Long.toHexString(deadline / 1000)
            + "-" + requestId.replace("-", "").substring(0, 24)))));
    telemetry.platform("start", ordered("requestId", requestId, "version", "$LATEST"));
    long started = System.nanoTime();
    String status = runHandler(handler, requestId);
    long runtimeDone = System.nanoTime();
    double durationMs = (runtimeDone - started) / 1e6;
    telemetry.platform("runtimeDone", ordered("requestId", requestId, "status", status,
        "metrics", ordered("durationMs", round(durationMs), "producedBytes", 0)));
    if (!awaitExtensions(deadline)) {
      status = "timeout";
    }
    long finished = System.nanoTime();
    double totalMs = (finished - started) / 1e6;
    telemetry.platform("report", ordered("requestId", requestId, "status", status, "metrics", ordered(
        "durationMs", round(totalMs), "billedDurationMs", (long) Math.ceil(totalMs),
        "memorySizeMB", function.memoryMb(), "maxMemoryUsedMB", Math.min(function.memoryMb(), 64))));
    freeze();
    return new InvokeResult(requestId, status, (long) totalMs, (finished - runtimeDone) / 1e6, turnaroundMs());
  }

  /** The snapshot's copy comes to life: thawed, its init's events delivered, then the restore's. */
  private void restore() {
    restored = true;
    long started = System.nanoTime();
    thaw();
    telemetry.platform("restoreStart", ordered("runtimeVersion", "lambdalogs-sandbox", "functionName", function.name(),
        "functionVersion", "1", "instanceId", UUID.randomUUID().toString(),
        "instanceMaxMemory", function.memoryMb() * 1024 * 1024));
    telemetry.platform("restoreRuntimeDone", ordered("status", "success"));
    telemetry.platform("restoreReport", ordered("status", "success",
        "metrics", ordered("durationMs", round((System.nanoTime() - started) / 1e6))));
  }

  private InvokeResult invokeAlongsideOthers(Handler handler, String requestId) {
    telemetry.platform("start", ordered("requestId", requestId, "version", "$LATEST"));
    long started = System.nanoTime();
    String status = runHandler(handler, requestId);
    double durationMs = (System.nanoTime() - started) / 1e6;
    telemetry.platform("report", ordered("requestId", requestId, "status", status,
        "metrics", ordered("durationMs", round(durationMs))));
    return new InvokeResult(requestId, status, (long) durationMs, 0, 0);
  }

  /**
   * A line the function prints outside any invocation (a background thread's): with the JSON log format,
   * a record without a {@code requestId}.
   */
  public void logOutsideInvocation(String message) {
    requireRunning();
    functionLine("INFO", null, message);
  }

  /** A line on the function's stdout: text, or with the JSON log format a record naming its request, if any. */
  private void functionLine(String level, String requestId, String message) {
    if (function.logFormat() != LogFormat.JSON) {
      telemetry.log("function", Json.quote(message));
      return;
    }
    Map<String, Object> record = ordered("timestamp", Times.now(), "level", level);
    if (requestId != null) {
      record.put("requestId", requestId);
    }
    record.put("message", message);
    telemetry.log("function", Json.write(record));
  }

  private String runHandler(Handler handler, String requestId) {
    Invocation invocation = new Invocation() {
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
        functionLine(level, requestId, message);
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

  private synchronized double turnaroundMs() {
    return registered.values().stream().filter(r -> r.events.contains("INVOKE"))
        .mapToDouble(r -> (r.backNanos - r.handedNanos) / 1e6).max().orElse(0);
  }

  private synchronized void dispatch(String eventType, String event) {
    for (Registered r : registered.values()) {
      if (r.events.contains(eventType)) {
        r.dispatched++;
        r.pending.add(event);
      }
    }
  }

  /** True when every extension is back in event/next before the deadline. */
  private synchronized boolean awaitExtensions(long deadlineMillis) {
    while (!registered.values().stream().allMatch(r -> r.waiting() || !processes.get(r.name).alive())) {
      long left = deadlineMillis - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      waitQuietly(Math.min(left, 50));
    }
    return true;
  }

  /** SHUTDOWN to the extensions that asked for it; kills whatever still runs at the deadline. */
  public ShutdownResult shutdown() {
    requireRunning();
    shutDown = true;
    long started = System.nanoTime();
    thaw();
    long deadline = System.currentTimeMillis() + options.shutdownDeadlineMs();
    processes.values().forEach(ExtensionProcess::sample);
    dispatch("SHUTDOWN", Json.write(ordered("eventType", "SHUTDOWN", "shutdownReason", "spindown",
        "deadlineMs", deadline)));
    List<String> killed = new ArrayList<>();
    Map<String, Integer> exitCodes = new LinkedHashMap<>();
    for (ExtensionProcess process : processes.values()) {
      while (process.alive() && System.currentTimeMillis() < deadline) {
        process.sample();
        sleepQuietly(5);
      }
      if (process.alive()) {
        killed.add(process.name);
        process.kill();
      }
      exitCodes.put(process.name, awaitExit(process));
    }
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    stopPlatform();
    synchronized (this) {
      return new ShutdownResult(exitCodes, killed, durationMs, List.copyOf(exitErrors));
    }
  }

  private static int awaitExit(ExtensionProcess process) {
    while (process.alive()) {
      sleepQuietly(5);
    }
    return process.exitCode();
  }

  private void freeze() {
    try {
      gate.close(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ExtensionProcess process : processes.values()) {
      if (process.alive()) {
        process.sample();
        process.signal("STOP");
      }
    }
  }

  private void thaw() {
    for (ExtensionProcess process : processes.values()) {
      if (process.alive()) {
        process.signal("CONT");
      }
    }
    gate.open();
  }

  private void requireRunning() {
    if (initResult == null || !initResult.ok() || shutDown) {
      throw new IllegalStateException("the environment is not running (init failed, or it was shut down)");
    }
  }

  // --- the APIs, called by the server ---

  synchronized Reply register(String name, String body) {
    if (initDone) {
      return Reply.error(403, "Extension.InvalidState", "extensions register during init only");
    }
    if (name == null || !processes.containsKey(name)) {
      return Reply.error(400, "InvalidRequest", "Lambda-Extension-Name must be the extension's file name, got " + name);
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
      return Reply.error(403, "Extension.InvalidEventType", "INVOKE: Managed Instances send extensions SHUTDOWN only");
    }
    Registered r = new Registered(name, events);
    registered.put(r.id, r);
    telemetry.platform("extension", ordered("name", name, "state", "Ready", "events", List.copyOf(events)));
    notifyAll();
    return new Reply(200, Map.of("Lambda-Extension-Identifier", r.id), Json.write(ordered(
        "functionName", function.name(), "functionVersion", "$LATEST", "handler", "sandbox.handler",
        "accountId", "123456789012")));
  }

  private static Set<String> eventsOf(String body) {
    Object parsed = Json.parse(body);
    if (!(parsed instanceof Map<?, ?> map) || !(map.get("events") instanceof List<?> events)
        || !Set.of("INVOKE", "SHUTDOWN").containsAll(events)) {
      throw new IllegalArgumentException("the body must be {\"events\": [...]} with INVOKE and/or SHUTDOWN");
    }
    return Set.copyOf(events.stream().map(String::valueOf).toList());
  }

  Reply next(String id) {
    Registered r;
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
      return new Reply(200, Map.of("Lambda-Extension-Event-Identifier", UUID.randomUUID().toString()), event);
    } catch (InterruptedException e) {
      return Reply.error(500, "Sandbox.Stopped", "the environment stopped");
    }
  }

  synchronized Reply error(String id, boolean init, String errorType, String body) {
    Registered r = registered.get(id);
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

  private static String messageOf(String body) {
    try {
      return Json.parse(body) instanceof Map<?, ?> map && map.get("errorMessage") != null
          ? map.get("errorMessage").toString() : body;
    } catch (IllegalArgumentException e) {
      return body;
    }
  }

  Reply subscribe(String id, String body) {
    Registered r;
    synchronized (this) {
      r = registered.get(id);
    }
    if (r == null) {
      return Reply.error(403, "Extension.Unknown", "unknown Lambda-Extension-Identifier");
    }
    try {
      Subscription subscription = Subscription.parse(r.name, body);
      if (function.concurrent() && !MANAGED_INSTANCES_SCHEMA.equals(subscription.schemaVersion())) {
        throw new IllegalArgumentException("schemaVersion must be " + MANAGED_INSTANCES_SCHEMA
            + " on Managed Instances, got " + subscription.schemaVersion());
      }
      telemetry.subscribe(subscription);
      telemetry.platform("telemetrySubscription", ordered("name", r.name, "state", "Subscribed",
          "types", subscription.types().stream().sorted().toList()));
      return Reply.ok("OK");
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Reply.error(400, "ValidationError", e.getMessage());
    }
  }

  private Registered byName(String name) {
    return registered.values().stream().filter(r -> r.name.equals(name)).findFirst().orElse(null);
  }

  // --- what tests, the demo and the benchmark read ---

  /** Every line the extensions printed, in order per stream. */
  public List<String> extensionOutput() {
    List<String> all = new ArrayList<>();
    processes.values().forEach(p -> all.addAll(p.output()));
    return all;
  }

  public List<ExtensionStats> stats() {
    return processes.values().stream().map(ExtensionProcess::stats).toList();
  }

  /** Where each subscriber listens, as this machine reaches it. */
  public List<java.net.URI> telemetryDestinations() {
    return telemetry.subscribers().stream().map(s -> s.subscription().loopbackDestination()).toList();
  }

  /** POSTs made to subscribers so far, accepted or not. */
  public long deliveries() {
    return telemetry.subscribers().stream().mapToLong(s -> s.counts().deliveries()).sum();
  }

  /** Events accepted by subscribers so far. */
  public long eventsDelivered() {
    return telemetry.subscribers().stream().mapToLong(s -> s.counts().delivered()).sum();
  }

  /** Events the platform dropped because a subscriber did not keep up. */
  public long droppedByPlatform() {
    return telemetry.subscribers().stream().mapToLong(s -> s.counts().dropped()).sum();
  }

  @Override
  public void close() {
    processes.values().forEach(p -> {
      if (p.alive()) {
        p.signal("CONT");
        p.kill();
      }
    });
    stopPlatform();
  }

  private synchronized void stopPlatform() {
    if (!platformStopped) {
      platformStopped = true;
      telemetry.close();
      server.stop();
    }
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }

  private void waitQuietly(long ms) {
    try {
      wait(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
