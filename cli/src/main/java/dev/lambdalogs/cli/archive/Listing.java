package dev.lambdalogs.cli.archive;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The objects a time range needs: only its hour prefixes are listed, from StartAfter inside the first. */
public final class Listing {
  private Listing() {}

  /** @param functions the functions to read; empty: every function that has logs under the prefix */
  public static List<Reader.Item> items(Source source, String prefix, List<String> functions, Instant from, Instant to)
      throws IOException {
    List<String> names = functions.isEmpty() ? source.children(prefix) : functions;
    List<Reader.Item> items = new ArrayList<>();
    for (String function : names) {
      List<String> hours = Keys.hourPrefixes(prefix, function, from, to);
      for (int i = 0; i < hours.size(); i++) {
        String startAfter = i == 0 ? Keys.startAfter(hours.get(0), from) : null;
        for (Source.ObjectRef object : source.list(hours.get(i), startAfter)) {
          long time = Keys.time(object.key());
          if (time >= 0 && time <= to.toEpochMilli()) {
            items.add(new Reader.Item(object, function));
          }
        }
      }
    }
    return items;
  }
}
