package dev.lambdalogs.cli.archive;

import dev.lambdalogs.cli.failure.Failure;
import dev.lambdalogs.cli.failure.Wording;
import dev.lambdalogs.cli.util.Parallel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Copies archive objects to a folder under their keys: whole or not at all (each is written to a
 * .partial file, then moved), skipping what a previous run copied, so that a run stopped half way
 * resumes where it stopped; optionally decompressed, and merged into one time-ordered file.
 */
public final class Download {
  public enum Done {
    DOWNLOADED,
    SKIPPED,
    FAILED
  }

  private static final String GZIP = ".gz";

  private final Source source;
  private final Path to;
  private final boolean decompress;
  private final int parallel;
  private final Consumer<String> warn;

  /**
   * @param warn told of each object that could not be copied, and why
   */
  public Download(Source source, Path to, boolean decompress, int parallel, Consumer<String> warn) {
    this.source = source;
    this.to = to;
    this.decompress = decompress;
    this.parallel = parallel;
    this.warn = warn;
  }

  /** Copies every object, {@code parallel} at once; {@code onEach} is called as each one ends. */
  public List<Done> copyAll(List<Reader.Item> items, Runnable onEach) {
    return Parallel.map(
        items,
        parallel,
        item -> {
          Done done = copy(item.object());
          onEach.run();
          return done;
        });
  }

  /** Where an object's key lands under the folder. */
  String localKey(String key) {
    return decompress && key.endsWith(GZIP) ? key.substring(0, key.length() - GZIP.length()) : key;
  }

  private Done copy(Source.ObjectRef object) {
    String key = object.key();
    Path target = to.resolve(localKey(key));
    try {
      // a decompressed copy's size says nothing of the object's: its being there is enough
      if (Files.exists(target) && (decompress || Files.size(target) == object.size())) {
        return Done.SKIPPED;
      }
      Files.createDirectories(target.getParent());
      Path partial = target.resolveSibling(target.getFileName() + ".partial");
      try (InputStream in = source.open(key)) {
        Files.copy(
            decompress && key.endsWith(GZIP) ? new GZIPInputStream(in, 64 * 1024) : in,
            partial,
            StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Done.DOWNLOADED;
    } catch (IOException | Failure e) {
      warn.accept(
          "could not download "
              + key
              + ": "
              + (e instanceof IOException io ? Wording.describe(io) : e.getMessage()));
      return Done.FAILED;
    }
  }

  /**
   * Writes the copied objects' events, in time order, into one file: each line as a format makes
   * it.
   */
  public void merge(List<Reader.Item> items, Path merged, Function<Entry, String> format)
      throws IOException {
    DirSource local = new DirSource(to);
    List<Reader.Item> copied =
        items.stream()
            .map(
                i ->
                    new Reader.Item(
                        new Source.ObjectRef(
                            localKey(i.object().key()), i.object().size(), i.object().written()),
                        i.function()))
            .filter(i -> Files.exists(to.resolve(i.object().key())))
            .toList();
    Reader reader = new Reader(local, parallel, warn);
    try (BufferedWriter out = Files.newBufferedWriter(merged, StandardCharsets.UTF_8)) {
      reader.read(
          copied,
          e -> true,
          e -> {
            try {
              out.write(format.apply(e));
              out.write('\n');
            } catch (IOException x) {
              throw new UncheckedIOException(x);
            }
          });
    }
  }
}
