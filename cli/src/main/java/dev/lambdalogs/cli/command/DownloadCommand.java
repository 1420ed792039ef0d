package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.archive.Download;
import dev.lambdalogs.cli.archive.Download.Done;
import dev.lambdalogs.cli.archive.Reader;
import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.cli.failure.Wording;
import dev.lambdalogs.cli.output.DownloadReport;
import dev.lambdalogs.cli.output.EventFormat;
import dev.lambdalogs.cli.service.Archives;
import dev.lambdalogs.cli.service.Aws;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Copies the archived objects of a time range under a folder, keys mirrored, in parallel. "
            + "Resumable: an object already there with the same size is skipped.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lambdalogs download -f greeter_fn --since 1d --to ./logs",
      "  lambdalogs download -f greeter_fn --since 2h --to ./logs --decompress --merge all.ndjson"
    })
public final class DownloadCommand implements Callable<Integer> {
  /** The outcome of one object. */
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin ArchiveOptions archive;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      required = true,
      converter = Converters.When.class,
      description = "From: 2h, 1d, or 2026-11-24T10:00Z.")
  Instant since;

  @Mixin UntilOption until;

  @Option(
      names = "--to",
      paramLabel = "DIR",
      required = true,
      converter = Converters.WritableFolder.class,
      description = "The folder to copy into.")
  Path to;

  @Option(names = "--decompress", description = "Write the objects decompressed (.ndjson).")
  boolean decompress;

  @Option(
      names = "--merge",
      paramLabel = "FILE",
      description =
          "Also write one time-ordered JSON Lines file of all events, each with its function.")
  Path merge;

  @Mixin FetchOptions fetch;

  @Override
  public Integer call() throws Exception {
    Instant from = since;
    Instant until = this.until.until();
    PrintWriter err = spec.commandLine().getErr();
    long started = System.nanoTime();
    try {
      Files.createDirectories(to);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(),
          "cannot write to --to "
              + to
              + ": "
              + Wording.describe(e)
              + "; choose a folder you can write");
    }
    try (Aws aws = new Aws(global.aws())) {
      Archives.Location where = archive.locate(aws);
      List<Reader.Item> items = archive.items(where, from, until);
      if (items.isEmpty()) {
        err.println(ArchiveOptions.nothing(where, from, until));
        return 0;
      }
      AtomicInteger finished = new AtomicInteger();
      boolean bar = !global.quiet && System.console() != null;
      Download download =
          new Download(
              where.source(),
              to,
              decompress,
              fetch.parallel,
              warning -> err.println("lambdalogs: " + warning));
      List<Done> outcomes =
          download.copyAll(
              items,
              () -> {
                if (bar) {
                  DownloadReport.progress(err, finished.incrementAndGet(), items.size());
                }
              });
      long bytes = items.stream().mapToLong(i -> Math.max(0, i.object().size())).sum();
      long failed = outcomes.stream().filter(d -> d == Done.FAILED).count();
      if (merge != null) {
        download.merge(items, merge, EventFormat::withFunction);
      }
      DownloadReport.summary(
          spec.commandLine().getOut(),
          global.json(),
          outcomes,
          bytes,
          (System.nanoTime() - started) / 1e9,
          to,
          merge);
      return ExitException.forFailures(failed, items.size());
    }
  }
}
