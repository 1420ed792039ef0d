package dev.lambdalogs.cli.archive;

import dev.lambdalogs.cli.util.Parallel;
import dev.lambdalogs.contract.archive.ArchiveLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects a time range needs: only its hour prefixes are listed, from StartAfter inside the
 * first.
 */
public final class Listing {
  /**
   * How much the clock that stamps events may run ahead of the store's, which stamps objects: an
   * object written this long before the range may still hold events inside it.
   */
  static final long CLOCK_SKEW_MS = 60_000;

  private Listing() {}

  /**
   * @param functions the functions to read; empty: every function that has logs under the prefix
   */
  public static List<Reader.Item> items(
      Source source, String prefix, List<String> functions, Instant from, Instant to)
      throws IOException {
    List<String> names = functions.isEmpty() ? source.children(prefix) : functions;
    List<String[]> listings = new ArrayList<>(); // function, hour prefix, start-after
    for (String function : names) {
      List<String> hours = ArchiveLayout.hourPrefixes(prefix, function, from, to);
      for (int i = 0; i < hours.size(); i++) {
        listings.add(
            new String[] {
              function, hours.get(i), i == 0 ? ArchiveLayout.startAfter(hours.get(0), from) : null
            });
      }
    }
    // one listing per function and hour, several at once: the first line should not wait for them
    // in turn
    List<List<Reader.Item>> found =
        Parallel.map(
            listings,
            8,
            l -> {
              List<Reader.Item> items = new ArrayList<>();
              try {
                for (Source.ObjectRef object : source.list(l[1], l[2])) {
                  long time = ArchiveLayout.time(object.key());
                  // the look-back lists objects begun before the range; one written before it began
                  // holds nothing in it
                  boolean writtenBefore =
                      object.written() >= 0
                          && object.written() < from.toEpochMilli() - CLOCK_SKEW_MS;
                  if (time >= 0 && time <= to.toEpochMilli() && !writtenBefore) {
                    items.add(new Reader.Item(object, l[0]));
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return items;
            });
    return found.stream().flatMap(List::stream).toList();
  }
}
