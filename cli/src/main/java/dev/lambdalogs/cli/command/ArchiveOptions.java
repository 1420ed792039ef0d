package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.archive.Listing;
import dev.lambdalogs.cli.archive.Reader;
import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.cli.output.DownloadReport;
import dev.lambdalogs.cli.query.LocalCopies;
import dev.lambdalogs.cli.query.LocalEngine;
import dev.lambdalogs.cli.service.Archives;
import dev.lambdalogs.cli.service.Aws;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** Where tail and download read: a bucket and prefix, or a local copy of the archive. */
public final class ArchiveOptions {
  @Option(
      names = {"-f", "--function"},
      paramLabel = "NAME",
      description =
          "A function (repeatable). Default: every " + "function with logs under the prefix.")
  List<String> functions = new ArrayList<>();

  @Option(
      names = "--bucket",
      paramLabel = "BUCKET",
      converter = Converters.BucketName.class,
      description =
          "Default: the named function's LAMBDALOGS_BUCKET, "
              + "else install's default (lambdalogs-ACCOUNT-REGION).")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description = "Default: the named function's LAMBDALOGS_PREFIX, " + "else lambda-logs/.")
  String prefix;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      converter = Converters.ExistingFolder.class,
      description =
          "Read a local copy in the same layout instead "
              + "(LAMBDALOGS_LOCAL_DIR, lambdalogs demo, aws s3 sync).")
  Path dir;

  Archives.Location locate(Aws aws) {
    return Archives.locate(aws, dir, bucket, prefix, functions);
  }

  /** The objects of the range, of the chosen functions. */
  List<Reader.Item> items(Archives.Location where, Instant from, Instant to) throws IOException {
    return Listing.items(where.source(), where.prefix(), functions, from, to);
  }

  /**
   * Query and stats' common path: the range's objects as local files, the local engine over them
   * for {@code ask}, and the exit code: objects that could not be fetched are named and left out.
   */
  int askLocally(
      Archives.Location where,
      Instant from,
      Instant to,
      EngineOptions engine,
      boolean quiet,
      PrintWriter err,
      Consumer<LocalEngine> ask)
      throws IOException {
    List<Reader.Item> items = items(where, from, to);
    if (items.isEmpty()) {
      err.println(nothing(where, from, to));
    }
    LocalCopies.Prepared copies = copies(where, items, engine, quiet, err);
    try (LocalEngine local = LocalEngine.open(copies.copies(), from, to, engine.cache())) {
      ask.accept(local);
    }
    return ExitException.forFailures(copies.failed(), items.size());
  }

  /** The range's objects as local files, fetched with a progress bar on a terminal. */
  private LocalCopies.Prepared copies(
      Archives.Location where,
      List<Reader.Item> items,
      EngineOptions engine,
      boolean quiet,
      PrintWriter err) {
    AtomicInteger finished = new AtomicInteger();
    boolean bar = !quiet && System.console() != null;
    LocalCopies.Prepared copies =
        LocalCopies.prepare(
            engine.cache(),
            where.source(),
            items,
            engine.fetch.parallel,
            warning -> err.println("lambdalogs: " + warning),
            () -> {
              if (bar) {
                DownloadReport.progress(err, finished.incrementAndGet(), items.size());
              }
            });
    if (!quiet && where.bucket() != null && !items.isEmpty()) {
      err.println(
          "lambdalogs: "
              + items.size()
              + " objects: "
              + copies.fetched()
              + " fetched, "
              + (copies.copies().size() - copies.fetched())
              + " already in "
              + engine.cache());
    }
    if (copies.failed() > 0) {
      err.println(
          "lambdalogs: "
              + copies.failed()
              + " of "
              + items.size()
              + " objects could not be fetched: the result leaves their events out");
    }
    return copies;
  }

  static String nothing(Archives.Location where, Instant from, Instant to) {
    return "lambdalogs: no logs in "
        + where.source().describe()
        + where.prefix()
        + " between "
        + from
        + " and "
        + to;
  }
}
