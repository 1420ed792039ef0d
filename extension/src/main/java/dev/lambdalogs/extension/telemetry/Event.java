package dev.lambdalogs.extension.telemetry;

import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.extension.batch.Line;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One Telemetry API event: where its bytes lie in the delivery, exactly as Lambda sent them, and
 * the few fields the extension reads from it. Its time and text record are decoded only when asked
 * for: most events are only ever written out.
 */
public final class Event implements Line {
  private final byte[] delivery;
  private final int start;
  private final int end;
  private final String type;
  private final int timeStart;
  private final int timeEnd;
  private final String recordRequestId;
  private final int textStart;
  private final int textEnd;
  private final boolean hasRequestId;

  /**
   * @param start where the event's JSON object begins in the delivery, and {@code end} where it
   *     ends
   * @param timeStart where its time string's content is, up to {@code timeEnd}
   * @param recordRequestId {@code record.requestId} when the record is an object that has one
   * @param textStart where the record's content is when it is a plain string (a text-format line),
   *     else -1
   * @param hasRequestId whether the event already carries a top-level {@code requestId}
   */
  Event(
      byte[] delivery,
      int start,
      int end,
      String type,
      int timeStart,
      int timeEnd,
      String recordRequestId,
      int textStart,
      int textEnd,
      boolean hasRequestId) {
    this.delivery = delivery;
    this.start = start;
    this.end = end;
    this.type = type;
    this.timeStart = timeStart;
    this.timeEnd = timeEnd;
    this.recordRequestId = recordRequestId;
    this.textStart = textStart;
    this.textEnd = textEnd;
    this.hasRequestId = hasRequestId;
  }

  public String type() {
    return type;
  }

  @Override
  public String time() {
    return new Json(delivery, 0, -1).decode(timeStart, timeEnd);
  }

  public String recordRequestId() {
    return recordRequestId;
  }

  /** The record when it is a plain string (a text-format log line), else null. */
  public String recordText() {
    return textStart < 0 ? null : new Json(delivery, 0, -1).decode(textStart, textEnd);
  }

  /** The event's JSON object as delivered. */
  public String raw() {
    return new String(delivery, start, end - start, StandardCharsets.UTF_8);
  }

  /** Whether it is {@code platform.<name>}; asked of every event, so it builds no string. */
  public boolean isPlatform(String name) {
    return type.length() == 9 + name.length()
        && type.startsWith("platform.")
        && type.endsWith(name);
  }

  @Override
  public int writeTo(OutputStream out) throws IOException {
    out.write(delivery, start, end - start);
    return end - start;
  }

  /**
   * The event as one archive line: with {@code requestId} added when known and not already there.
   */
  public Line line(String requestId) {
    return requestId == null || hasRequestId ? this : new WithRequestId(this, requestId);
  }

  /** The event with {@code "requestId":"…"} written before its closing brace. */
  private record WithRequestId(Event event, String requestId) implements Line {
    @Override
    public String time() {
      return event.time();
    }

    @Override
    public int writeTo(OutputStream out) throws IOException {
      int close = event.end - 1; // the object's closing brace, after its type and time at least
      byte[] field = Field.of(requestId);
      out.write(event.delivery, event.start, close - event.start);
      out.write(field);
      out.write('}');
      return close - event.start + field.length + 1;
    }
  }

  /**
   * The {@code ,"requestId":"…"} field, made once for a run of lines of the same request rather
   * than for each of them: most lines of a delivery belong to the request of the line before.
   */
  private static final class Field {
    private static String lastId;
    private static byte[] last;

    static synchronized byte[] of(String requestId) {
      if (!requestId.equals(lastId)) {
        last = (",\"requestId\":" + Json.quote(requestId)).getBytes(StandardCharsets.UTF_8);
        lastId = requestId;
      }
      return last;
    }
  }
}
