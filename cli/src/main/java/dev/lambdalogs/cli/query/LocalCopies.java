package dev.lambdalogs.cli.query;

import dev.lambdalogs.cli.archive.Download;
import dev.lambdalogs.cli.archive.Reader;
import dev.lambdalogs.cli.archive.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The range's objects as files an engine can read: a folder's own files, or copies of a bucket's
 * objects in the cache folder under their keys. A copy is kept while its size matches the object's
 * (objects are never rewritten), so a second query over the same range fetches nothing.
 */
public final class LocalCopies {
  /** One object's file, with what its key says. */
  public record Copy(Path file, String key, String function) {}

  /** The files there are, and how many objects could not be fetched (each said by the warning). */
  public record Prepared(List<Copy> copies, int fetched, int failed) {}

  private LocalCopies() {}

  /**
   * Where copies are kept by default: LAMBDALOGS_CACHE_DIR, else $XDG_CACHE_HOME/lambdalogs or
   * ~/.cache/lambdalogs.
   */
  public static Path defaultCache() {
    String set = System.getenv("LAMBDALOGS_CACHE_DIR");
    if (set != null && !set.isBlank()) {
      return Path.of(set);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("lambdalogs");
  }

  /**
   * Copies what is not here yet, {@code parallel} at once; {@code onEach} is called as each object
   * ends.
   */
  public static Prepared prepare(
      Path cache,
      Source source,
      List<Reader.Item> items,
      int parallel,
      Consumer<String> warn,
      Runnable onEach) {
    if (!items.isEmpty() && source.file(items.get(0).object().key()) != null) {
      List<Copy> own = new ArrayList<>();
      for (Reader.Item item : items) {
        own.add(copy(source.file(item.object().key()), item));
      }
      return new Prepared(own, 0, 0);
    }
    Path folder =
        cache.resolve("archive").resolve(source.describe().replaceAll("[^A-Za-z0-9._-]+", "_"));
    List<Download.Done> outcomes =
        new Download(source, folder, false, parallel, warn).copyAll(items, onEach);
    List<Copy> copies = new ArrayList<>();
    int fetched = 0;
    int failed = 0;
    for (int i = 0; i < items.size(); i++) {
      Reader.Item item = items.get(i);
      switch (outcomes.get(i)) {
        case FAILED -> failed++;
        case DOWNLOADED -> {
          fetched++;
          copies.add(copy(folder.resolve(item.object().key()), item));
        }
        case SKIPPED -> copies.add(copy(folder.resolve(item.object().key()), item));
      }
    }
    return new Prepared(copies, fetched, failed);
  }

  private static Copy copy(Path file, Reader.Item item) {
    return new Copy(file, item.object().key(), item.function());
  }
}
