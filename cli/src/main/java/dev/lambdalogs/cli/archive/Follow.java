package dev.lambdalogs.cli.archive;

import dev.lambdalogs.contract.archive.ArchiveLayout;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * tail --follow: lists again every interval, over a window reaching back for objects that arrive
 * late, and reads the objects not read before: each object once, so no event twice.
 */
public final class Follow {
  /**
   * How far back each poll lists: environments flush up to a minute late, and keys name a batch's
   * first event.
   */
  public static final Duration WINDOW = Duration.ofMinutes(15);

  /** The shortest pause between polls, whatever --interval says. */
  static final long MIN_PAUSE_MS = 200;

  /** The archive's objects whose keys name a time in a range. */
  public interface Lister {
    List<Reader.Item> items(Instant from, Instant to) throws IOException;
  }

  /** Waits between polls; interrupted, it ends the following. */
  public interface Pause {
    void sleep(long ms) throws InterruptedException;
  }

  private final Lister lister;
  private final Reader reader;
  private final Clock clock;
  private final Pause pause;
  private final Map<String, Long> read = new HashMap<>();

  public Follow(Lister lister, Reader reader, Clock clock, Pause pause) {
    this.lister = lister;
    this.reader = reader;
    this.clock = clock;
    this.pause = pause;
  }

  /**
   * Follows until the thread is interrupted (Ctrl-C), having read {@code first} already.
   *
   * @param afterPoll called after each poll's events, to flush them
   */
  public void run(
      List<Reader.Item> first,
      long intervalMs,
      Predicate<Entry> keep,
      Consumer<Entry> print,
      Runnable afterPoll)
      throws IOException {
    remember(first);
    while (!Thread.currentThread().isInterrupted()) {
      try {
        pause.sleep(Math.max(MIN_PAUSE_MS, intervalMs));
      } catch (InterruptedException e) {
        return;
      }
      Instant now = clock.instant();
      List<Reader.Item> fresh =
          lister.items(now.minus(WINDOW), now).stream()
              .filter(i -> !read.containsKey(i.object().key()))
              .toList();
      remember(fresh);
      reader.read(fresh, keep, print);
      afterPoll.run();
      // keys older than any window to come cannot be listed again: forgetting them keeps memory
      // flat
      long forget = now.minus(WINDOW).minus(Duration.ofHours(1)).toEpochMilli();
      read.values().removeIf(t -> t < forget);
    }
  }

  private void remember(List<Reader.Item> items) {
    items.forEach(i -> read.put(i.object().key(), ArchiveLayout.time(i.object().key())));
  }

  /** Keys read and still remembered. */
  int remembered() {
    return read.size();
  }
}
