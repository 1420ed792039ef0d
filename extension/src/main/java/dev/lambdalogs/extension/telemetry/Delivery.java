package dev.lambdalogs.extension.telemetry;

import dev.lambdalogs.contract.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one POST from the Telemetry API: a JSON array of events. The whole delivery is checked
 * before any of it is kept, so a delivery refused as malformed leaves nothing behind to duplicate
 * on a retry.
 */
public final class Delivery {
  private static final String[] COMMON_TYPES = {"function", "extension"};

  private Delivery() {}

  /**
   * Reads the first {@code length} bytes of {@code body}; the events refer to them, so the array
   * must not change while they are in use.
   *
   * @throws IllegalArgumentException when the body is not an array of events with a type and a time
   */
  public static List<Event> parse(byte[] body, int length) {
    Json json = new Json(body, 0, length);
    List<Event> events = new ArrayList<>();
    json.expect('[');
    for (boolean first = true; json.more(']', first); first = false) {
      events.add(event(json, body));
    }
    json.expectEnd();
    return events;
  }

  /** For tests and tools: the same, from text. */
  public static List<Event> parse(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, bytes.length);
  }

  private static Event event(Json json, byte[] body) {
    json.peek();
    int start = json.position();
    json.expect('{');
    String type = null;
    int timeStart = -1;
    int timeEnd = -1;
    String recordRequestId = null;
    int textStart = -1;
    int textEnd = -1;
    boolean hasRequestId = false;
    for (boolean first = true; json.more('}', first); first = false) {
      int key = json.skipString();
      int keyEnd = json.position() - 1;
      json.expect(':');
      if (json.contentEquals(key, keyEnd, "type")) {
        type = typeOf(json);
      } else if (json.contentEquals(key, keyEnd, "time") && json.peek() == '"') {
        timeStart = json.skipString();
        timeEnd = json.position() - 1;
      } else if (json.contentEquals(key, keyEnd, "requestId")) {
        hasRequestId = true;
        json.skipValue();
      } else if (json.contentEquals(key, keyEnd, "record")) {
        char c = json.peek();
        if (c == '{') {
          recordRequestId = requestIdOf(json);
        } else if (c == '"') {
          textStart = json.skipString();
          textEnd = json.position() - 1;
        } else {
          json.skipValue();
        }
      } else {
        json.skipValue();
      }
    }
    if (type == null || timeStart < 0) {
      throw new IllegalArgumentException(
          "event at offset " + start + " has no string 'type' and 'time'");
    }
    return new Event(
        body,
        start,
        json.position(),
        type,
        timeStart,
        timeEnd,
        recordRequestId,
        textStart,
        textEnd,
        hasRequestId);
  }

  /** The event's type, without a new String for the kinds almost every event is. */
  private static String typeOf(Json json) {
    if (json.peek() != '"') {
      json.skipValue();
      return null;
    }
    int start = json.skipString();
    int end = json.position() - 1;
    for (String common : COMMON_TYPES) {
      if (json.contentEquals(start, end, common)) {
        return common;
      }
    }
    return json.decode(start, end);
  }

  private static String stringOrNull(Json json) {
    if (json.peek() == '"') {
      return json.readString();
    }
    json.skipValue();
    return null;
  }

  private static String requestIdOf(Json json) {
    String requestId = null;
    json.expect('{');
    for (boolean first = true; json.more('}', first); first = false) {
      int key = json.skipString();
      int keyEnd = json.position() - 1;
      json.expect(':');
      if (json.contentEquals(key, keyEnd, "requestId")) {
        requestId = stringOrNull(json);
      } else {
        json.skipValue();
      }
    }
    return requestId;
  }
}
