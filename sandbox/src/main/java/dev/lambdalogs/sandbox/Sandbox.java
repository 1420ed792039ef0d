package dev.lambdalogs.sandbox;

import static dev.lambdalogs.sandbox.telemetry.Telemetry.record;

import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.sandbox.model.ExtensionStats;
import dev.lambdalogs.sandbox.model.Handler;
import dev.lambdalogs.sandbox.model.InitResult;
import dev.lambdalogs.sandbox.model.InvokeResult;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.LogFormat;
import dev.lambdalogs.sandbox.model.Mode;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import dev.lambdalogs.sandbox.registry.ExtensionProcess;
import dev.lambdalogs.sandbox.registry.ExtensionsApi;
import dev.lambdalogs.sandbox.registry.Registry;
import dev.lambdalogs.sandbox.telemetry.Gate;
import dev.lambdalogs.sandbox.telemetry.Telemetry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A Lambda execution environment on this machine, for external extensions: it runs the executables
 * of an unzipped layer's extensions/ folder as separate processes and plays the platform's part of
 * the Extensions and Telemetry APIs through init, invocations (freezing the processes in between)
 * and shutdown with its deadline. The function itself is Java code that logs.
 */
public final class Sandbox implements AutoCloseable {
  /** How long before a SnapStart environment's first invocation its snapshot was taken. */
  public static final Duration SNAPSHOT_AGE = Duration.ofHours(3);

  private final LambdaFunction function;
  private final Limits limits;
  private final Gate gate = new Gate();
  private final Telemetry telemetry;
  private final FunctionRuntime runtime;
  private final Registry extensions;
  private final ExtensionsApi server;
  private InitResult initResult;
  private boolean shutDown;
  private boolean platformStopped;
  private boolean restored;

  private Sandbox(LambdaFunction function, Limits limits) throws IOException {
    this.function = function;
    this.limits = limits;
    this.telemetry = new Telemetry(gate, limits.maxQueuedBytes());
    this.runtime = new FunctionRuntime(function.logFormat(), telemetry);
    this.extensions = new Registry(function, telemetry);
    this.server = new ExtensionsApi(extensions);
  }

  /** Starts the environment and runs its init phase; see {@link #initResult()} for how it went. */
  public static Sandbox start(Path layerDir, LambdaFunction function, Limits limits)
      throws IOException {
    Sandbox sandbox = new Sandbox(function, limits);
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
    telemetry.platform(
        "initStart",
        record(
            "initializationType",
            function.mode().initializationType(),
            "phase",
            "init",
            "runtimeVersion",
            "lambdalogs-sandbox",
            "functionName",
            function.name(),
            "functionVersion",
            "$LATEST",
            "instanceId",
            UUID.randomUUID().toString(),
            "instanceMaxMemory",
            function.memoryMb() * 1024 * 1024));
    List<Path> executables = executables(layerDir.resolve("extensions"));
    Map<String, String> env = environment();
    for (Path executable : executables) {
      extensions.start(executable, env);
    }
    String failure =
        extensions.awaitInit(started + limits.initTimeoutMs() * 1_000_000L, limits.initTimeoutMs());
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    String status = failure == null ? "success" : "error";
    Map<String, Object> done =
        record(
            "initializationType",
            function.mode().initializationType(),
            "phase",
            "init",
            "status",
            status);
    if (failure != null) {
      done.put("errorType", failure);
    }
    telemetry.platform("initRuntimeDone", done);
    Map<String, Object> report = new LinkedHashMap<>(done);
    report.put("metrics", Map.of("durationMs", durationMs));
    telemetry.platform("initReport", report);
    initResult =
        new InitResult(failure == null, failure, extensions.initErrorMessage(), durationMs);
    telemetry.initDone();
    telemetry.shift(0);
    if (failure == null) {
      if (!function.concurrent()) {
        freeze();
      }
    } else {
      extensions.processes().forEach(ExtensionProcess::kill);
    }
  }

  private static List<Path> executables(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException("no extensions/ folder in the layer: " + folder);
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> found =
          files.filter(f -> Files.isRegularFile(f) && Files.isExecutable(f)).sorted().toList();
      if (found.isEmpty()) {
        throw new IOException(
            "no executable in " + folder + " (check the launcher's mode is 0755)");
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
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.mode().initializationType());
    env.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat() == LogFormat.JSON ? "JSON" : "Text");
    env.putAll(function.environment());
    env.put("AWS_LAMBDA_RUNTIME_API", server.address());
    return env;
  }

  /**
   * Runs one invocation: INVOKE to the extensions, the handler, then waits for every extension's
   * next call. On Managed Instances, no INVOKE and no waiting: call it from many threads at once.
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
    long deadline = System.currentTimeMillis() + limits.invokeTimeoutMs();
    extensions.dispatch(
        "INVOKE",
        Json.write(
            record(
                "eventType",
                "INVOKE",
                "deadlineMs",
                deadline,
                "requestId",
                requestId,
                "invokedFunctionArn",
                "arn:aws:lambda:" + function.region() + ":123456789012:function:" + function.name(),
                "tracing",
                Map.of(
                    "type",
                    "X-Amzn-Trace-Id",
                    "value",
                    "Root=1-"
                        + Long.toHexString(deadline / 1000)
                        + "-"
                        + requestId.replace("-", "").substring(0, 24)))));
    telemetry.platform("start", record("requestId", requestId, "version", "$LATEST"));
    long started = System.nanoTime();
    String status = runtime.run(handler, requestId);
    long runtimeDone = System.nanoTime();
    double durationMs = (runtimeDone - started) / 1e6;
    telemetry.platform(
        "runtimeDone",
        record(
            "requestId",
            requestId,
            "status",
            status,
            "metrics",
            record("durationMs", round(durationMs), "producedBytes", 0)));
    if (!extensions.awaitBack(deadline)) {
      status = "timeout";
    }
    long finished = System.nanoTime();
    double totalMs = (finished - started) / 1e6;
    telemetry.platform(
        "report",
        record(
            "requestId",
            requestId,
            "status",
            status,
            "metrics",
            record(
                "durationMs",
                round(totalMs),
                "billedDurationMs",
                (long) Math.ceil(totalMs),
                "memorySizeMB",
                function.memoryMb(),
                "maxMemoryUsedMB",
                Math.min(function.memoryMb(), 64))));
    freeze();
    return new InvokeResult(
        requestId,
        status,
        (long) totalMs,
        (finished - runtimeDone) / 1e6,
        extensions.turnaroundMs());
  }

  /** The snapshot's copy comes to life: thawed, its init's events delivered, then the restore's. */
  private void restore() {
    restored = true;
    long started = System.nanoTime();
    thaw();
    telemetry.platform(
        "restoreStart",
        record(
            "runtimeVersion",
            "lambdalogs-sandbox",
            "functionName",
            function.name(),
            "functionVersion",
            "1",
            "instanceId",
            UUID.randomUUID().toString(),
            "instanceMaxMemory",
            function.memoryMb() * 1024 * 1024));
    telemetry.platform("restoreRuntimeDone", record("status", "success"));
    telemetry.platform(
        "restoreReport",
        record(
            "status",
            "success",
            "metrics",
            record("durationMs", round((System.nanoTime() - started) / 1e6))));
  }

  private InvokeResult invokeAlongsideOthers(Handler handler, String requestId) {
    telemetry.platform("start", record("requestId", requestId, "version", "$LATEST"));
    long started = System.nanoTime();
    String status = runtime.run(handler, requestId);
    double durationMs = (System.nanoTime() - started) / 1e6;
    telemetry.platform(
        "report",
        record(
            "requestId",
            requestId,
            "status",
            status,
            "metrics",
            record("durationMs", round(durationMs))));
    return new InvokeResult(requestId, status, (long) durationMs, 0, 0);
  }

  /**
   * A line the function prints outside any invocation (a background thread's): with the JSON log
   * format, a record without a {@code requestId}.
   */
  public void logOutsideInvocation(String message) {
    requireRunning();
    runtime.line("INFO", null, message);
  }

  /** SHUTDOWN to the extensions that asked for it; kills whatever still runs at the deadline. */
  public ShutdownResult shutdown() {
    requireRunning();
    shutDown = true;
    long started = System.nanoTime();
    thaw();
    long deadline = System.currentTimeMillis() + limits.shutdownDeadlineMs();
    extensions.processes().forEach(ExtensionProcess::sample);
    extensions.dispatch(
        "SHUTDOWN",
        Json.write(
            record("eventType", "SHUTDOWN", "shutdownReason", "spindown", "deadlineMs", deadline)));
    List<String> killed = new ArrayList<>();
    Map<String, Integer> exitCodes = new LinkedHashMap<>();
    for (ExtensionProcess process : extensions.processes()) {
      while (process.alive() && System.currentTimeMillis() < deadline) {
        process.sample();
        sleepQuietly(5);
      }
      if (process.alive()) {
        killed.add(process.name());
        process.kill();
      }
      exitCodes.put(process.name(), awaitExit(process));
    }
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    stopPlatform();
    return new ShutdownResult(exitCodes, killed, durationMs, extensions.exitErrors());
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
    for (ExtensionProcess process : extensions.processes()) {
      if (process.alive()) {
        process.sample();
        process.signal("STOP");
      }
    }
  }

  private void thaw() {
    for (ExtensionProcess process : extensions.processes()) {
      if (process.alive()) {
        process.signal("CONT");
      }
    }
    gate.open();
  }

  private void requireRunning() {
    if (initResult == null || !initResult.ok() || shutDown) {
      throw new IllegalStateException(
          "the environment is not running (init failed, or it was shut down)");
    }
  }

  // --- what tests, the demo and the benchmark read ---

  /** Every line the extensions printed, in order per stream. */
  public List<String> extensionOutput() {
    return extensions.output();
  }

  public List<ExtensionStats> stats() {
    return extensions.stats();
  }

  /** Where each subscriber listens, as this machine reaches it. */
  public List<URI> telemetryDestinations() {
    return telemetry.subscribers().stream()
        .map(s -> s.subscription().loopbackDestination())
        .toList();
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
    extensions
        .processes()
        .forEach(
            p -> {
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

  private static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
