package dev.lambdalogs.cli.archive;

import java.util.Map;

/**
 * One archived event as read back: the stored line, its parsed fields, and where it came from.
 *
 * @param time epoch milliseconds of its {@code time}
 * @param sequence its place in the read, to keep equal times in their stored order
 */
public record Entry(long time, long sequence, String function, String key, String line, Map<String, Object> event) {
  public String type() {
    return String.valueOf(event.get("type"));
  }

  public String requestId() {
    Object id = event.get("requestId");
    if (id == null && event.get("record") instanceof Map<?, ?> record) {
      id = record.get("requestId");
    }
    return id == null ? null : id.toString();
  }

  /** The log line's text: the record when it is a string, its message when it is a JSON log record. */
  public String message() {
    Object record = event.get("record");
    if (record instanceof Map<?, ?> map && map.containsKey("message")) {
      return String.valueOf(map.get("message"));
    }
    return record instanceof String s ? s : String.valueOf(record);
  }

  /** The level of a JSON log record, or null. */
  public String level() {
    return event.get("record") instanceof Map<?, ?> map && map.get("level") != null ? map.get("level").toString() : null;
  }
}
