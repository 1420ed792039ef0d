package dev.lambdalogs.e2e.support;

import dev.lambdalogs.contract.archive.ArchiveLayout;
import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.contract.time.Times;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An archive made by a test, whose every event it knows: three functions (Python's text lines,
 * Node.js's, and JSON log format), two environments each, cold starts, reports of known durations
 * and statuses, ERROR lines, and objects long before the range. Tests compute their own answers
 * from {@link #events} and compare them with query's and stats'.
 */
public final class CraftedArchive {
  public static final String PREFIX = "lambda-logs/";

  /** The range tests ask for; the archive has events just outside it on both sides. */
  public static final Instant FROM = Instant.parse("2026-11-30T10:00:00Z");

  public static final Instant TO = Instant.parse("2026-11-30T12:00:00Z");

  /** One stored event, with what the view must say of it. */
  public record Event(
      long millis,
      String function,
      String type,
      String requestId,
      String level,
      String message,
      String environment,
      String key,
      Map<String, Object> report) {
    public boolean inRange() {
      return millis >= FROM.toEpochMilli() && millis <= TO.toEpochMilli();
    }
  }

  /** Every event, in the objects it was written to: key and gzip body. */
  public final List<Event> events = new ArrayList<>();

  public final Map<String, byte[]> objects = new LinkedHashMap<>();

  private final List<Event> pending = new ArrayList<>();
  private final List<String> pendingLines = new ArrayList<>();
  private int sequence;

  public CraftedArchive() {
    long from = FROM.toEpochMilli();
    // long before the range: its hour is never listed
    environment("py_fn", "a1", from - 2 * 86_400_000L, 3, Style.PYTHON);
    // straddles the start: its first events are 1 ms and 1 s before the range
    environment("py_fn", "a2", from - 1_001, 12, Style.PYTHON);
    environment("node_fn", "b1", from + 60_000, 10, Style.NODE);
    environment("node_fn", "b2", from + 3_600_000, 7, Style.NODE);
    environment("json_fn", "c1", from + 1_800_000, 9, Style.JSON);
    // straddles the end: the last events are at the range's last millisecond and after it
    environment("json_fn", "c2", TO.toEpochMilli() - 2_001, 3, Style.JSON);
  }

  enum Style {
    PYTHON,
    NODE,
    JSON
  }

  /**
   * One execution environment: a cold start, then invocations a second apart, written in objects of
   * four invocations.
   */
  private void environment(String function, String env, long start, int invocations, Style style) {
    long t = start;
    add(function, env, t, "platform.initStart", null, null, null, "{\"phase\":\"init\"}", null);
    Map<String, Object> init = new LinkedHashMap<>();
    init.put("initializationType", "on-demand");
    init.put("phase", "init");
    init.put("status", "success");
    init.put("metrics", Map.of("durationMs", 180.5));
    add(function, env, t + 1, "platform.initReport", null, null, null, Json.write(init), null);
    for (int i = 0; i < invocations; i++) {
      long at = t + 1 + i * 1_000L; // the first invocation's start is the environment's start + 1
      String id = env + "-req-" + i;
      add(
          function,
          env,
          at,
          "platform.start",
          id,
          null,
          null,
          "{\"requestId\":" + Json.quote(id) + "}",
          null);
      String level = i % 4 == 3 ? "ERROR" : "INFO";
      String message = "work, \"item\" " + i + (i == 2 ? "\nsecond line" : "");
      line(function, env, at + 1, id, level, message, style);
      double duration = 10 + (i * 37 % 23) + i / 8.0;
      String status = i % 5 == 4 ? "error" : "success";
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("durationMs", duration);
      metrics.put("billedDurationMs", (long) Math.ceil(duration));
      metrics.put("memorySizeMB", style == Style.JSON ? 256 : 128);
      metrics.put("maxMemoryUsedMB", 40 + i);
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("requestId", id);
      report.put("status", status);
      report.put("metrics", metrics);
      add(function, env, at + 2, "platform.report", id, null, null, Json.write(report), report);
      if (i % 4 == 3 || i == invocations - 1) {
        flush(function, env);
      }
    }
  }

  /** A function's line, as its runtime writes it. */
  private void line(
      String function, String env, long at, String id, String level, String message, Style style) {
    String iso = Times.iso(at);
    String record =
        switch (style) {
          case PYTHON -> Json.quote("[" + level + "]\t" + iso + "\t" + id + "\t" + message);
          case NODE -> Json.quote(iso + "\t" + id + "\t" + level + "\t" + message);
          case JSON ->
              Json.write(
                  Map.of("timestamp", iso, "level", level, "message", message, "requestId", id));
        };
    String text =
        switch (style) {
          case PYTHON -> "[" + level + "]\t" + iso + "\t" + id + "\t" + message;
          case NODE -> iso + "\t" + id + "\t" + level + "\t" + message;
          case JSON -> message;
        };
    add(function, env, at, "function", id, level, text, record, null);
  }

  private void add(
      String function,
      String env,
      long at,
      String type,
      String requestId,
      String level,
      String message,
      String record,
      Map<String, Object> report) {
    StringBuilder line =
        new StringBuilder("{\"time\":\"")
            .append(Times.iso(at))
            .append("\",\"type\":\"")
            .append(type)
            .append("\",\"record\":")
            .append(record);
    if (type.equals("function")) {
      line.append(",\"requestId\":").append(Json.quote(requestId));
    }
    pendingLines.add(line.append('}').toString());
    pending.add(new Event(at, function, type, requestId, level, message, env, null, report));
  }

  private void flush(String function, String env) {
    String key =
        ArchiveLayout.key(
            PREFIX,
            function,
            Times.stamp(Times.iso(pending.get(0).millis())),
            env,
            ++sequence,
            true);
    objects.put(key, gzip(String.join("\n", pendingLines) + "\n"));
    for (Event e : pending) {
      events.add(
          new Event(
              e.millis(),
              e.function(),
              e.type(),
              e.requestId(),
              e.level(),
              e.message(),
              e.environment(),
              key,
              e.report()));
    }
    pending.clear();
    pendingLines.clear();
  }

  /** The events a query over the range sees. */
  public List<Event> inRange() {
    return events.stream().filter(Event::inRange).toList();
  }

  public void writeTo(Path folder) throws IOException {
    for (Map.Entry<String, byte[]> o : objects.entrySet()) {
      Path file = folder.resolve(o.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, o.getValue());
    }
  }

  public void putInto(S3Client s3, String bucket) {
    for (Map.Entry<String, byte[]> o : objects.entrySet()) {
      s3.putObject(b -> b.bucket(bucket).key(o.getKey()), RequestBody.fromBytes(o.getValue()));
    }
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
