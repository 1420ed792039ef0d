package dev.lambdalogs.sandbox.telemetry;

import dev.lambdalogs.contract.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform side of the Telemetry API: every event of the environment goes to each subscriber
 * that asked for its type. Events emitted during init before a subscription are replayed to it, as
 * Lambda delivers the whole init phase to extensions that subscribe in it.
 */
public final class Telemetry {
  private final Gate gate;
  private final long maxQueuedBytes;
  private final List<Subscriber> subscribers = new ArrayList<>();
  private final List<String[]> initBacklog = new ArrayList<>();
  private boolean initDone;

  /** Added to the clock for the events' times: a SnapStart init ran when its snapshot was taken. */
  private volatile long shiftMillis;

  public Telemetry(Gate gate, long maxQueuedBytes) {
    this.gate = gate;
    this.maxQueuedBytes = maxQueuedBytes;
  }

  /** A record's fields in the order given, as the platform writes them. */
  public static Map<String, Object> record(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static String event(String time, String type, String recordJson) {
    return "{\"time\":\"" + time + "\",\"type\":\"" + type + "\",\"record\":" + recordJson + "}";
  }

  public void shift(long millis) {
    shiftMillis = millis;
  }

  public void platform(String type, Map<String, ?> record) {
    publish("platform", event(now(), "platform." + type, Json.write(record)));
  }

  /**
   * A log line of the function's or of an extension's: a string, or an object with JSON log format.
   */
  public void log(String category, String recordJson) {
    publish(category, event(now(), category, recordJson));
  }

  private String now() {
    return Times.at(System.currentTimeMillis() + shiftMillis);
  }

  public synchronized void subscribe(Subscription subscription) {
    if (initDone) {
      throw new IllegalStateException("subscriptions are accepted during init only");
    }
    Subscriber subscriber = new Subscriber(subscription, gate, maxQueuedBytes);
    for (String[] past : initBacklog) {
      if (subscriber.wants(past[0])) {
        subscriber.offer(past[1]);
      }
    }
    subscribers.add(subscriber);
    subscriber.start();
  }

  public synchronized void initDone() {
    initDone = true;
    initBacklog.clear();
  }

  public synchronized List<Subscriber> subscribers() {
    return List.copyOf(subscribers);
  }

  public synchronized void close() {
    subscribers.forEach(Subscriber::close);
  }

  private synchronized void publish(String category, String event) {
    if (!initDone) {
      initBacklog.add(new String[] {category, event});
    }
    for (Subscriber subscriber : subscribers) {
      if (subscriber.wants(category)) {
        subscriber.offer(event);
      }
    }
  }
}
