package dev.lambdalogs.extension.telemetry;

/**
 * One Telemetry API event: its text exactly as Lambda delivered it, and the few fields the extension
 * reads from it.
 *
 * @param raw the event's JSON object, byte for byte as delivered
 * @param recordRequestId {@code record.requestId} when the record is an object that has one
 * @param recordText the record when it is a plain string (a text-format log line), else null
 * @param hasRequestId whether the event already carries a top-level {@code requestId}
 */
public record Event(
    String raw, String type, String time, String recordRequestId, String recordText, boolean hasRequestId) {

  /** Whether it is {@code platform.<name>}; asked of every event, so it builds no string. */
  public boolean isPlatform(String name) {
    return type.length() == 9 + name.length() && type.startsWith("platform.") && type.endsWith(name);
  }

  /** The event as one archive line: with {@code requestId} added when known and not already there. */
  public String line(String requestId) {
    if (requestId == null || hasRequestId) {
      return raw;
    }
    int close = raw.lastIndexOf('}');
    boolean empty = raw.substring(1, close).isBlank();
    return raw.substring(0, close) + (empty ? "" : ",") + "\"requestId\":"
        + dev.lambdalogs.extension.util.Json.quote(requestId) + raw.substring(close);
  }
}
