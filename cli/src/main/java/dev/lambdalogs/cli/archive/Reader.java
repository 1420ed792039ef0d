package dev.lambdalogs.cli.archive;

import dev.lambdalogs.contract.archive.ArchiveLayout;
import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.contract.time.Times;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads archived objects and hands their events on in time order, across objects and functions,
 * holding only what it must: objects are fetched a bounded number ahead, in parallel, in the order
 * of the time their keys name; an event is passed on once no object still to come can hold an
 * earlier one (every object's events come at or after its key's time).
 */
public final class Reader {
  /** An object to read, and the function it belongs to. */
  public record Item(Source.ObjectRef object, String function) {}

  /** What the read saw, for the summary. */
  public record Stats(long objects, long bytes, long events, long badObjects, long badLines) {}

  private final Source source;
  private final int parallel;
  private final Consumer<String> warn;
  private long objects;
  private long bytes;
  private long events;
  private long badObjects;
  private long badLines;

  /**
   * @param warn told once per bad object or bad line, with its key
   */
  public Reader(Source source, int parallel, Consumer<String> warn) {
    this.source = source;
    this.parallel = parallel;
    this.warn = warn;
  }

  public Stats stats() {
    return new Stats(objects, bytes, events, badObjects, badLines);
  }

  /**
   * Reads the objects (in any order) and passes each event that {@code keep} accepts to {@code
   * out}, in time order.
   */
  public void read(List<Item> items, Predicate<Entry> keep, Consumer<Entry> out) {
    List<Item> ordered = new ArrayList<>(items);
    ordered.sort(
        Comparator.comparingLong((Item i) -> ArchiveLayout.time(i.object().key()))
            .thenComparing(i -> i.object().key()));
    PriorityQueue<Entry> pending = new PriorityQueue<>(Entry.ORDER);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
    try {
      ArrayDeque<Future<List<Entry>>> ahead = new ArrayDeque<>();
      int next = 0;
      for (int i = 0; i < ordered.size(); i++) {
        // a window that widens from one object: the first events are not kept waiting behind a
        // burst
        while (next < ordered.size() && ahead.size() < Math.min(parallel * 2, 1 + 2 * i)) {
          Item item = ordered.get(next);
          long place =
              (long) next++ << 32; // equal times: in the order of the objects, then of their lines
          ahead.add(pool.submit(() -> fetch(item, place)));
        }
        long keyTime = ArchiveLayout.time(ordered.get(i).object().key());
        while (!pending.isEmpty() && pending.peek().time() < keyTime) {
          out.accept(pending.poll());
        }
        for (Entry entry : take(ahead.poll())) {
          if (keep.test(entry)) {
            pending.add(entry);
          }
        }
      }
      while (!pending.isEmpty()) {
        out.accept(pending.poll());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Entry> take(Future<List<Entry>> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private List<Entry> fetch(Item item, long place) {
    String key = item.object().key();
    List<Entry> entries = new ArrayList<>();
    boolean reportedLine = false;
    try (InputStream raw = source.open(key);
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(
                    key.endsWith(".gz") ? new GZIPInputStream(raw, 64 * 1024) : raw,
                    StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          long time = timeOf(line);
          entries.add(
              new Entry(
                  time < 0 ? ArchiveLayout.time(key) : time,
                  place + entries.size(),
                  item.function(),
                  key,
                  line));
        } catch (IllegalArgumentException e) {
          count(true);
          if (!reportedLine) {
            warn.accept(
                "skipped a line of " + key + " that is not a JSON event (" + e.getMessage() + ")");
            reportedLine = true;
          }
        }
      }
    } catch (IOException e) {
      count(false);
      warn.accept(
          "skipped " + key + ": " + (e instanceof ZipException ? "not valid gzip" : e.toString()));
      return List.of();
    }
    counted(entries.size(), item.object().size());
    return entries;
  }

  /**
   * Checks the line is a JSON object (without building it) and reads its time: where the extension
   * put it, first, without parsing the rest; elsewhere by a full parse.
   */
  @SuppressWarnings("unchecked")
  static long timeOf(String line) {
    Json json = new Json(line);
    if (json.peek() != '{') {
      throw new IllegalArgumentException("not a JSON object");
    }
    json.skipValue();
    json.expectEnd();
    String lead = "{\"time\":\"";
    if (line.startsWith(lead)) {
      int end = line.indexOf('"', lead.length());
      return Times.epochMillis(line.substring(lead.length(), end));
    }
    return Times.epochMillis(String.valueOf(((Map<String, Object>) Json.parse(line)).get("time")));
  }

  private synchronized void counted(int read, long size) {
    objects++;
    bytes += Math.max(0, size);
    events += read;
  }

  private synchronized void count(boolean line) {
    if (line) {
      badLines++;
    } else {
      badObjects++;
    }
  }
}
