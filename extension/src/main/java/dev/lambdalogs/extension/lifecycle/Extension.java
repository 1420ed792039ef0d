package dev.lambdalogs.extension.lifecycle;

import dev.lambdalogs.contract.s3.Bucket;
import dev.lambdalogs.extension.batch.ArchiveKey;
import dev.lambdalogs.extension.batch.Batcher;
import dev.lambdalogs.extension.batch.Loss;
import dev.lambdalogs.extension.config.Config;
import dev.lambdalogs.extension.config.Mode;
import dev.lambdalogs.extension.sink.LocalSink;
import dev.lambdalogs.extension.sink.S3Sink;
import dev.lambdalogs.extension.sink.Shipper;
import dev.lambdalogs.extension.sink.Sink;
import dev.lambdalogs.extension.telemetry.Listener;
import dev.lambdalogs.extension.telemetry.TelemetryApi;
import dev.lambdalogs.extension.util.Clock;
import dev.lambdalogs.extension.util.Daemon;
import dev.lambdalogs.extension.util.Log;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Map;

/**
 * The extension's life in one execution environment: register, subscribe, then follow INVOKE and
 * SHUTDOWN events. Logs travel listener → batcher → shipper → sink on their own threads; this
 * thread only decides when to wait for them.
 */
public final class Extension {
  /** Kept free before the shutdown deadline for the JVM to exit. */
  private static final long EXIT_MARGIN_MS = 150;

  /** Of the shutdown time, kept for writing rather than for waiting on the last report. */
  private static final long WRITE_RESERVE_MS = 700;

  /** The longest an invocation waits for a due batch to be written. */
  private static final long DUE_BATCH_WAIT_MS = 2_000;

  /**
   * The longest an invocation waits for the previous one's events, which arrive just after a thaw.
   */
  private static final long PREVIOUS_EVENTS_WAIT_MS = 300;

  private final ExtensionsApi api;
  private final Batcher batcher;
  private final Shipper shipper;
  private final Listener listener;
  private final Sink sink;
  private final Loss loss;
  private final long flushIntervalMs;
  private final ArchiveKey keys;
  private final Mode mode;
  private boolean restored;

  private Extension(ExtensionsApi api, Config config, Map<String, String> env) throws IOException {
    this.api = api;
    this.flushIntervalMs = config.flushIntervalMs();
    this.mode = config.mode();
    this.sink =
        config.localDir() != null
            ? new LocalSink(config.localDir())
            : new S3Sink(
                new Bucket(config.bucket(), config.region(), config.endpoint(), config.pathStyle()),
                env);
    this.loss = new Loss();
    this.shipper =
        new Shipper(
            sink,
            loss,
            config.maxBufferBytes(),
            Math.min(1_000, config.flushIntervalMs()),
            Clock.SYSTEM);
    this.keys =
        new ArchiveKey(config.prefix(), config.functionName(), environmentId(), config.gzip());
    this.batcher =
        new Batcher(
            config.flushBytes(), config.flushIntervalMs(), config.gzip(), keys, loss, shipper);
    if (mode.restoredFromSnapshot) {
      batcher.hold(); // until this copy of the snapshot is restored: see restored()
    }
    this.listener =
        new Listener(
            batcher,
            mode.concurrent,
            new Runnable() {
              @Override
              public void run() {
                restored();
              }
            });
  }

  /** Runs until SHUTDOWN; returns the process's exit code. */
  public static int run(Map<String, String> env) throws IOException {
    String runtimeApi = env.get("AWS_LAMBDA_RUNTIME_API");
    if (runtimeApi == null) {
      Log.error(
          "AWS_LAMBDA_RUNTIME_API is not set: the extension runs inside Lambda, or in `lambdalogs demo`");
      return 2;
    }
    Config config = Config.from(env);
    ExtensionsApi api = new ExtensionsApi(runtimeApi);
    api.register(config.mode());
    if (!config.hasDestination()) {
      String message =
          "LAMBDALOGS_BUCKET is not set: set it on the function to the bucket the logs go to "
              + "(`lambdalogs install` does), or set LAMBDALOGS_LOCAL_DIR";
      Log.error(message);
      api.initError("Extension.ConfigInvalid", message);
      return 1;
    }
    Extension extension = new Extension(api, config, env);
    extension.start(runtimeApi, config);
    return extension.loop();
  }

  private void start(String runtimeApi, Config config) throws IOException {
    listener.start();
    try {
      TelemetryApi.subscribe(runtimeApi, api.id(), listener.port(), config.types(), config.mode());
    } catch (IOException e) {
      Log.error(e.getMessage());
      api.initError("Extension.SubscribeFailed", e.getMessage());
      throw e;
    }
    Daemon.start(
        "lambdalogs-shipper",
        new Runnable() {
          @Override
          public void run() {
            shipper.run(batcher);
          }
        });
    Log.debug(
        "listening on port "
            + listener.port()
            + ", writing to "
            + sink.describe("")
            + " as environment "
            + keys.environmentId()
            + " ("
            + mode
            + ")");
  }

  private int loop() throws IOException {
    String lastRequestId = null;
    long lastInvokeMillis = 0;
    while (true) {
      ExtensionsApi.Event event = api.next();
      if (event.isShutdown()) {
        shutdown(event, lastRequestId);
        return 0;
      }
      if (mode.restoredFromSnapshot) {
        restored(); // the first INVOKE of a copy, in case the platform's restoreStart is still on
        // its way
      }
      writeDueBatch(lastRequestId, lastInvokeMillis, event.deadlineMs());
      lastRequestId = event.requestId();
      lastInvokeMillis = System.currentTimeMillis();
    }
  }

  /**
   * Writes a batch that has waited the flush interval while this invocation's function runs: once
   * the environment is frozen again, nothing moves until the next invocation. The previous
   * invocation's events reach the extension only after the thaw; when they may be due, they are
   * waited for briefly.
   */
  private void writeDueBatch(
      String previousRequestId, long previousInvokeMillis, long invocationDeadlineMs) {
    long now = System.currentTimeMillis();
    long latest = invocationDeadlineMs - 100;
    if (previousRequestId != null && now - previousInvokeMillis >= flushIntervalMs) {
      listener.awaitLastDeliveries(
          previousRequestId, Math.min(now + PREVIOUS_EVENTS_WAIT_MS, latest));
    }
    now = System.currentTimeMillis();
    if (batcher.isDue(now)) {
      batcher.sealIfDue(now);
      shipper.awaitWritten(Math.min(now + DUE_BATCH_WAIT_MS, latest));
    }
  }

  private void shutdown(ExtensionsApi.Event event, String lastRequestId) {
    long deadline = event.deadlineMs() - EXIT_MARGIN_MS;
    Log.debug(
        "shutdown ("
            + event.shutdownReason()
            + "), "
            + (deadline - System.currentTimeMillis())
            + " ms left");
    listener.awaitLastDeliveries(lastRequestId, deadline - WRITE_RESERVE_MS);
    batcher.sealNow();
    shipper.stopRetryingAt(deadline);
    shipper.awaitWritten(deadline);
    batcher.sealNow(); // what arrived while the rest was written
    if (!shipper.awaitWritten(deadline)) {
      Shipper.Backlog left = shipper.backlog();
      String message =
          left.events()
              + " events in "
              + left.batches()
              + " objects could not be written to "
              + sink.describe("")
              + " before the shutdown deadline and are lost with this environment";
      Log.error(message);
      try {
        api.exitError("Extension.LogsUndelivered", message);
      } catch (IOException e) {
        Log.debug("exit/error: " + e.getMessage());
      }
    }
    if (loss.totalDroppedEvents() > 0 || loss.totalMalformedDeliveries() > 0) {
      Log.warn(
          "in this environment: "
              + loss.totalDroppedEvents()
              + " events dropped over the memory cap, "
              + loss.totalMalformedDeliveries()
              + " malformed deliveries refused");
    }
    listener.stop();
  }

  /**
   * This copy of a SnapStart snapshot has been restored (the first of platform.restoreStart and
   * INVOKE says so): from now on it writes, under an environment id of its own, read from
   * /dev/urandom after the restore, since whatever was random in the snapshot is the same in every
   * copy. A restoreStart in any mode is taken at its word: a copy that kept its id could overwrite
   * another copy's objects.
   */
  private synchronized void restored() {
    if (!restored) {
      restored = true;
      String id = environmentId();
      keys.restored(id, System.currentTimeMillis());
      batcher.release();
      Log.debug("restored from a snapshot: environment " + id);
    }
  }

  /** Random per execution environment, so that no two environments ever write the same key. */
  private static String environmentId() {
    byte[] random = new byte[8];
    try (InputStream in = new FileInputStream("/dev/urandom")) {
      if (in.readNBytes(random, 0, 8) == 8) {
        return HexFormat.of().formatHex(random);
      }
    } catch (IOException e) {
      Log.debug("no /dev/urandom: " + e.getMessage());
    }
    long mixed =
        System.nanoTime() * 0x9E3779B97F4A7C15L
            ^ ProcessHandle.current().pid()
            ^ System.currentTimeMillis();
    return String.format("%016x", mixed);
  }
}
