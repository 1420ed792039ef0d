package dev.lambdalogs.extension.sink;

import dev.lambdalogs.contract.http.Backoff;
import dev.lambdalogs.extension.batch.Batcher;
import dev.lambdalogs.extension.batch.Loss;
import dev.lambdalogs.extension.batch.Outbox;
import dev.lambdalogs.extension.batch.SealedBatch;
import dev.lambdalogs.extension.util.Clock;
import dev.lambdalogs.extension.util.Log;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Writes sealed batches to the sink, oldest first, on its own thread, retrying every failure with
 * exponential backoff and jitter until it succeeds or shutdown's deadline passes. What it holds is
 * bounded: while writing works, the reader waits for room ({@link #awaitRoom}) and the platform
 * keeps the rest; once writing has failed for a while, past the cap the oldest batch not being
 * written is dropped and counted, and the next object says so. Time comes from a {@link Clock}, so
 * that tests can move it by hand.
 */
public final class Shipper implements Outbox {
  private static final long MAX_BACKOFF_MS = 5_000;
  private static final long MAX_BACKOFF_NEEDS_USER_MS = 20_000;

  /** At shutdown the deadline is near: retry often rather than wait long. */
  private static final long MAX_BACKOFF_SHUTDOWN_MS = 250;

  private static final int WRITE_TIMEOUT_MS = 20_000;

  /**
   * How long the reader still waits for room once writing fails: a throttled write or two should
   * not cost a batch, but an outage must not stall the platform's deliveries for good: its buffer
   * would overflow and drop the newest lines, where the cap keeps them and drops the oldest.
   */
  static final long ROOM_PATIENCE_MS = 5_000;

  private final Sink sink;
  private final Loss loss;
  private final Clock clock;
  private final long maxHeldBytes;
  private final long tickMs;
  private final ArrayDeque<SealedBatch> queue = new ArrayDeque<>();
  private final Object retryPause = new Object();
  private SealedBatch inFlight;
  private long heldBytes;
  private long droppedBatches;
  private volatile long deadlineMillis = Long.MAX_VALUE;
  private String lastFailure;
  private long failingSinceMillis = -1;

  /**
   * @param tickMs how often, at least, the batcher is asked to seal a due batch
   */
  public Shipper(Sink sink, Loss loss, long maxHeldBytes, long tickMs, Clock clock) {
    this.sink = sink;
    this.loss = loss;
    this.clock = clock;
    this.maxHeldBytes = maxHeldBytes;
    this.tickMs = tickMs;
  }

  /** Takes a sealed batch to write. */
  @Override
  public synchronized void accept(SealedBatch batch) {
    queue.addLast(batch);
    heldBytes += batch.body().length;
    // keep the batch being written, and always the newest one when it is alone
    while (heldBytes > maxHeldBytes && queue.size() > (inFlight == null ? 1 : 0)) {
      SealedBatch dropped = queue.pollFirst();
      heldBytes -= dropped.body().length;
      loss.dropped(dropped);
      String message =
          "dropped "
              + dropped.events()
              + " events ("
              + dropped.rawBytes()
              + " bytes): "
              + heldBytes
              + " bytes are still waiting to be written, over LAMBDALOGS_MAX_BUFFER_BYTES="
              + maxHeldBytes
              + "; the next object reports the loss";
      if (droppedBatches++ == 0) {
        Log.error(message + " (further drops are logged at debug level)");
      } else {
        Log.debug(message);
      }
    }
    notifyAll();
  }

  /**
   * Waits while {@code bytes} more would pass the cap; not when nothing is held (a batch larger
   * than the cap still goes through), nor once shutdown has begun or writing has failed for {@link
   * #ROOM_PATIENCE_MS}.
   */
  @Override
  public synchronized void awaitRoom(long bytes) {
    while (heldBytes > 0
        && heldBytes + bytes > maxHeldBytes
        && !shuttingDown()
        && (failingSinceMillis < 0 || clock.millis() - failingSinceMillis < ROOM_PATIENCE_MS)) {
      clock.await(this, tickMs);
    }
  }

  /**
   * The shipper's thread: writes batches, and between them has the batcher seal a batch that is
   * due.
   */
  public void run(Batcher batcher) {
    while (true) {
      batcher.sealIfDue(clock.millis());
      shipNext();
    }
  }

  /**
   * Writes the oldest batch waiting, retrying until it is written or the deadline passes; waits a
   * tick for one.
   */
  void shipNext() {
    SealedBatch next = takeNext();
    if (next != null) {
      write(next);
    }
  }

  /** True when nothing waits to be written. */
  public synchronized boolean idle() {
    return queue.isEmpty() && inFlight == null;
  }

  /**
   * The extension is shutting down: from now on retries are short, and none starts after the
   * deadline.
   */
  public void stopRetryingAt(long deadlineMillis) {
    this.deadlineMillis = deadlineMillis;
    synchronized (this) {
      notifyAll(); // a reader waiting for room goes on: the deadline now decides what is written
    }
    synchronized (retryPause) {
      retryPause.notifyAll(); // a long backoff must not outlast the deadline
    }
  }

  /**
   * Waits until everything sealed so far is written, or until {@code untilMillis}; true when it
   * was.
   */
  public synchronized boolean awaitWritten(long untilMillis) {
    long left;
    while (!idle() && (left = untilMillis - clock.millis()) > 0) {
      clock.await(this, left);
    }
    return idle();
  }

  /** What is still waiting to be written. */
  public record Backlog(long events, long batches) {}

  public synchronized Backlog backlog() {
    long events = inFlight == null ? 0 : inFlight.events();
    for (SealedBatch batch : queue) {
      events += batch.events();
    }
    return new Backlog(events, queue.size() + (inFlight == null ? 0 : 1));
  }

  private synchronized SealedBatch takeNext() {
    if (queue.isEmpty()) {
      clock.await(this, tickMs);
    }
    inFlight = queue.pollFirst();
    return inFlight;
  }

  private void write(SealedBatch batch) {
    for (int attempt = 0; ; attempt++) {
      long left = deadlineMillis - clock.millis();
      if (left <= 0) {
        return; // shutting down: it stays in flight and is reported as undelivered
      }
      try {
        sink.put(batch.key(), batch.body(), (int) Math.min(WRITE_TIMEOUT_MS, left));
        done(batch);
        return;
      } catch (IOException e) {
        boolean waitHelps = !(e instanceof SinkException s) || s.isTransient();
        report(e, waitHelps);
        pause(
            Backoff.delay(
                attempt,
                shuttingDown()
                    ? MAX_BACKOFF_SHUTDOWN_MS
                    : waitHelps ? MAX_BACKOFF_MS : MAX_BACKOFF_NEEDS_USER_MS));
      } catch (RuntimeException e) {
        // a defect of ours, not of S3: this thread carries every log line, so it must not die of
        // it;
        // the batch is held and retried like one that needs the user, and the error says what broke
        report(
            new SinkException(
                "writing "
                    + sink.describe(batch.key())
                    + " failed inside the extension: "
                    + e
                    + " (please report it)",
                false),
            false);
        pause(
            Backoff.delay(
                attempt, shuttingDown() ? MAX_BACKOFF_SHUTDOWN_MS : MAX_BACKOFF_NEEDS_USER_MS));
      }
    }
  }

  private synchronized void done(SealedBatch batch) {
    inFlight = null;
    heldBytes -= batch.body().length;
    failingSinceMillis = -1;
    if (lastFailure != null) {
      Log.warn("writing works again: " + sink.describe(batch.key()));
      lastFailure = null;
    }
    notifyAll();
  }

  /** Each new kind of failure once; repeats only at debug level. */
  private void report(IOException e, boolean waitHelps) {
    synchronized (this) {
      if (failingSinceMillis < 0) {
        failingSinceMillis = clock.millis();
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.equals(lastFailure)) {
      Log.debug("retrying: " + message);
      return;
    }
    lastFailure = message;
    // a SinkException's message says what failed already; any other names its kind
    String line =
        message
            + (e instanceof SinkException ? "" : " (" + e.getClass().getSimpleName() + ")")
            + "; holding the logs and retrying";
    if (waitHelps) {
      Log.warn(line);
    } else {
      Log.error(line);
    }
  }

  private boolean shuttingDown() {
    return deadlineMillis != Long.MAX_VALUE;
  }

  /** Waits before a retry; shutdown cuts a long wait short. */
  private void pause(long ms) {
    long until = clock.millis() + ms;
    boolean wasShuttingDown = shuttingDown();
    synchronized (retryPause) {
      long left;
      while ((left = Math.min(until, deadlineMillis) - clock.millis()) > 0
          && shuttingDown() == wasShuttingDown) {
        clock.await(retryPause, left);
      }
    }
  }
}
