package dev.lambdalogs.sandbox.telemetry;

import dev.lambdalogs.contract.json.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers one subscription's events as the Telemetry API does: JSON arrays POSTed when maxItems or
 * maxBytes is reached or the oldest event has waited timeoutMs, one delivery at a time, retried
 * until accepted, never while the environment is frozen. Past its queue limit it drops events and
 * later reports them with platform.logsDropped.
 */
public final class Subscriber {
  private static final long RETRY_MS = 200;

  private final Subscription subscription;
  private final Gate gate;
  private final long maxQueuedBytes;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final Thread thread;

  /**
   * The JDK's client, not the extension's: the extension's listener meets another HTTP
   * implementation.
   */
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private long queuedBytes;
  private long oldestNanos;
  private long droppedRecords;
  private long droppedBytes;
  private boolean closed;
  private long delivered;
  private long deliveries;
  private long totalDropped;

  Subscriber(Subscription subscription, Gate gate, long maxQueuedBytes) {
    this.subscription = subscription;
    this.gate = gate;
    this.maxQueuedBytes = maxQueuedBytes;
    this.thread = new Thread(this::run, "telemetry-" + subscription.extensionName());
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  public Subscription subscription() {
    return subscription;
  }

  boolean wants(String category) {
    return subscription.types().contains(category);
  }

  synchronized void offer(String event) {
    if (closed) {
      return;
    }
    if (queuedBytes + event.length() > maxQueuedBytes) {
      droppedRecords++;
      droppedBytes += event.length();
      totalDropped++;
      return;
    }
    if (droppedRecords > 0) {
      add(
          Telemetry.event(
              Times.now(),
              "platform.logsDropped",
              Json.write(
                  Map.of(
                      "reason",
                      "The extension's telemetry buffer was full: it did not keep up.",
                      "droppedRecords",
                      droppedRecords,
                      "droppedBytes",
                      droppedBytes))));
      droppedRecords = 0;
      droppedBytes = 0;
    }
    add(event);
  }

  /**
   * Wakes the delivering thread only when it has something new to decide: the first event starts
   * the timeout, a full batch goes at once. Waking it for every event of a burst would cost the
   * function's threads more than the delivery itself.
   */
  private void add(String event) {
    boolean first = queue.isEmpty();
    if (first) {
      oldestNanos = System.nanoTime();
    }
    queue.addLast(event);
    queuedBytes += event.length();
    if (first
        || queue.size() == subscription.maxItems()
        || queuedBytes >= subscription.maxBytes()) {
      notifyAll();
    }
  }

  /**
   * Stops delivering; what is still queued is left undelivered, as when an environment goes away.
   */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** What this subscription saw: events delivered, POSTs made, events dropped. */
  public record Counts(long delivered, long deliveries, long dropped) {}

  public synchronized Counts counts() {
    return new Counts(delivered, deliveries, totalDropped);
  }

  private void run() {
    List<String> batch;
    while ((batch = nextBatch()) != null) {
      deliver(batch);
    }
  }

  private synchronized List<String> nextBatch() {
    while (!closed) {
      if (!queue.isEmpty()) {
        long waited = (System.nanoTime() - oldestNanos) / 1_000_000;
        if (queue.size() >= subscription.maxItems()
            || queuedBytes >= subscription.maxBytes()
            || waited >= subscription.timeoutMs()) {
          return take();
        }
        waitQuietly(subscription.timeoutMs() - waited);
      } else {
        waitQuietly(0);
      }
    }
    return null;
  }

  private List<String> take() {
    List<String> batch = new ArrayList<>();
    long bytes = 0;
    while (!queue.isEmpty()
        && batch.size() < subscription.maxItems()
        && (batch.isEmpty() || bytes + queue.peekFirst().length() + 1 <= subscription.maxBytes())) {
      String event = queue.pollFirst();
      bytes += event.length() + 1;
      queuedBytes -= event.length();
      batch.add(event);
    }
    oldestNanos = System.nanoTime();
    return batch;
  }

  private void deliver(List<String> batch) {
    byte[] body = ("[" + String.join(",", batch) + "]").getBytes(StandardCharsets.UTF_8);
    while (true) {
      try {
        gate.enterDelivery();
      } catch (InterruptedException e) {
        return;
      }
      boolean accepted = false;
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(subscription.loopbackDestination())
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        accepted = response.statusCode() / 100 == 2;
      } catch (IOException e) {
        // the extension is not listening (yet, or any more): retried below
      } catch (InterruptedException e) {
        return;
      } finally {
        gate.exitDelivery();
      }
      synchronized (this) {
        deliveries++;
        if (accepted) {
          delivered += batch.size();
          return;
        }
        if (closed) {
          return;
        }
        waitQuietly(RETRY_MS);
      }
    }
  }

  private void waitQuietly(long ms) {
    try {
      wait(ms);
    } catch (InterruptedException e) {
      closed = true;
    }
  }
}
