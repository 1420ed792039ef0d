package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.archive.Entry;
import dev.lambdalogs.cli.archive.EventFilter;
import dev.lambdalogs.cli.archive.Follow;
import dev.lambdalogs.cli.archive.Reader;
import dev.lambdalogs.cli.output.EventFormat;
import dev.lambdalogs.cli.service.Archives;
import dev.lambdalogs.cli.service.Aws;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Prints archived log events in time order, across objects and functions; with --follow, "
            + "keeps printing new ones as they arrive.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lambdalogs tail -f greeter_fn --since 1h --grep ERROR",
      "  lambdalogs tail -f greeter_fn --follow",
      "  lambdalogs tail --since 2026-11-24T10:00Z --until 2026-11-24T11:00Z --request-id 8f2c --format json",
      "  lambdalogs tail --dir lambdalogs-demo/archive --since 1h"
    })
public final class TailCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin ArchiveOptions archive;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      defaultValue = "10m",
      converter = Converters.When.class,
      description =
          "From: 10m, 2h, 1d, 1h30m back, or an instant such as 2026-11-24T10:00Z (default: 10m).")
  Instant since;

  @Mixin UntilOption until;

  @Option(
      names = "--types",
      paramLabel = "TYPE",
      split = ",",
      converter = Converters.EventType.class,
      description =
          "Only these: function, platform, extension (or an exact type such as platform.report).")
  List<String> types;

  @Option(
      names = "--grep",
      paramLabel = "RE",
      converter = Converters.Regex.class,
      description = "Only events whose text matches.")
  Pattern grep;

  @Option(
      names = "--request-id",
      paramLabel = "ID",
      description = "Only this invocation's events (a prefix is enough).")
  String requestId;

  @Option(
      names = "--level",
      paramLabel = "LEVEL",
      description = "Only lines of this level (JSON log format).")
  String level;

  @Option(
      names = "--format",
      paramLabel = "STYLE",
      completionCandidates = EventFormat.Names.class,
      description =
          "short (for people), json (each "
              + "stored line, with its function), raw (the function's own lines). Default: short, or json with -o json.")
  EventFormat format;

  @Option(names = "--follow", description = "Keep printing new events until Ctrl-C.")
  boolean follow;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = Converters.Length.class,
      description = "With --follow, how often to look (default: 5s).")
  Duration interval;

  @Mixin FetchOptions fetch;

  @Override
  public Integer call() throws Exception {
    Instant from = since;
    Instant to = until.until();
    long pause = interval.toMillis();
    // buffered: a write per line would cost a system call each; flushed at the first line, after
    // each
    // --follow poll, and at the end
    PrintWriter out =
        new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
    PrintWriter err = spec.commandLine().getErr();
    EventFormat chosen =
        format != null ? format : global.json() ? EventFormat.JSON : EventFormat.SHORT;
    boolean colour = chosen == EventFormat.SHORT && !global.noColor && System.console() != null;
    try (Aws aws = new Aws(global.aws())) {
      Archives.Location where = archive.locate(aws);
      Reader reader =
          new Reader(
              where.source(), fetch.parallel, warning -> err.println("lambdalogs: " + warning));
      Predicate<Entry> keep = new EventFilter(from, to, follow, types, grep, requestId, level);
      long[] printed = {0};
      Consumer<Entry> print =
          e -> {
            String text = chosen.format(e, colour);
            if (text != null) {
              out.println(text);
              if (printed[0]++ == 0) {
                out.flush(); // the first line as soon as there is one
              }
            }
          };
      List<Reader.Item> items = archive.items(where, from, to);
      if (items.isEmpty() && !follow) {
        err.println(ArchiveOptions.nothing(where, from, to));
        return 0;
      }
      reader.read(items, keep, print);
      out.flush();
      if (follow) {
        Thread following = Thread.currentThread();
        sun.misc.Signal.handle(
            new sun.misc.Signal("INT"), signal -> following.interrupt()); // Ctrl-C: stop, exit 0
        if (!global.quiet) {
          err.println(
              "lambdalogs: following "
                  + where.source().describe()
                  + where.prefix()
                  + " (Ctrl-C stops)");
          err.flush();
        }
        new Follow(
                (start, end) -> archive.items(where, start, end),
                reader,
                Clock.systemUTC(),
                Thread::sleep)
            .run(items, pause, keep, print, out::flush);
      }
      summary(err, reader.stats());
      return 0;
    }
  }

  private void summary(PrintWriter err, Reader.Stats stats) {
    if (global.verbose || stats.badObjects() + stats.badLines() > 0) {
      err.println(
          "lambdalogs: read "
              + stats.objects()
              + " objects, "
              + stats.events()
              + " events"
              + (stats.badObjects() + stats.badLines() > 0
                  ? "; skipped "
                      + stats.badObjects()
                      + " bad objects and "
                      + stats.badLines()
                      + " bad lines"
                  : ""));
    }
  }
}
