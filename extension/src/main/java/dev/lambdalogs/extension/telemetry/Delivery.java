package dev.lambdalogs.extension.telemetry;

import dev.lambdalogs.extension.util.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one POST from the Telemetry API: a JSON array of events. The whole delivery is checked before
 * any of it is kept, so a delivery refused as malformed leaves nothing behind to duplicate on a retry.
 */
public final class Delivery {
  private Delivery() {}

  /** @throws IllegalArgumentException when the body is not an array of events with a type and a time */
  public static List<Event> parse(String body) {
    Json json = new Json(body);
    List<Event> events = new ArrayList<>();
    json.expect('[');
    for (boolean first = true; json.more(']', first); first = false) {
      events.add(event(json));
    }
    json.expectEnd();
    return events;
  }

  private static Event event(Json json) {
    json.peek();
    int start = json.position();
    json.expect('{');
    String type = null;
    String time = null;
    String recordRequestId = null;
    String recordText = null;
    boolean hasRequestId = false;
    for (boolean first = true; json.more('}', first); first = false) {
      String key = json.readString();
      json.expect(':');
      switch (key) {
        case "type" -> type = stringOrNull(json);
        case "time" -> time = stringOrNull(json);
        case "requestId" -> {
          hasRequestId = true;
          json.skipValue();
        }
        case "record" -> {
          char c = json.peek();
          if (c == '{') {
            recordRequestId = requestIdOf(json);
          } else if (c == '"') {
            recordText = json.readString();
          } else {
            json.skipValue();
          }
        }
        default -> json.skipValue();
      }
    }
    if (type == null || time == null) {
      throw new IllegalArgumentException("event at offset " + start + " has no string 'type' and 'time'");
    }
    return new Event(json.text().substring(start, json.position()), type, time, recordRequestId, recordText,
        hasRequestId);
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
      String key = json.readString();
      json.expect(':');
      if (key.equals("requestId")) {
        requestId = stringOrNull(json);
      } else {
        json.skipValue();
      }
    }
    return requestId;
  }
}
