package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.archive.DirSource;
import dev.lambdalogs.cli.archive.Reader;
import dev.lambdalogs.cli.archive.Source;
import dev.lambdalogs.cli.output.EventFormat;
import dev.lambdalogs.cli.service.Archives;
import dev.lambdalogs.cli.service.Aws;
import dev.lambdalogs.cli.service.Errors;
import dev.lambdalogs.cli.util.ExitException;
import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.cli.util.Parallel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Copies the archived objects of a time range under a folder, keys mirrored, in parallel. "
        + "Resumable: an object already there with the same size is skipped.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  lambdalogs download -f greeter_fn --since 1d --to ./logs",
        "  lambdalogs download -f greeter_fn --since 2h --to ./logs --decompress --merge all.ndjson"})
public final class DownloadCommand implements Callable<Integer> {
  /** The outcome of one object. */
  enum Done { DOWNLOADED, SKIPPED, FAILED }

  @Spec
  CommandSpec spec;

  @Mixin
  GlobalOptions global;

  @Mixin
  ArchiveOptions archive;

  @Option(names = "--since", paramLabel = "WHEN", required = true, converter = Converters.When.class,
      description = "From: 2h, 1d, or 2026-11-24T10:00Z.")
  Instant since;

  @Option(names = "--until", paramLabel = "WHEN", converter = Converters.When.class, description = "Until (default: now).")
  Instant until;

  @Option(names = "--to", paramLabel = "DIR", required = true, converter = Converters.WritableFolder.class, description = "The folder to copy into.")
  Path to;

  @Option(names = "--decompress", description = "Write the objects decompressed (.ndjson).")
  boolean decompress;

  @Option(names = "--merge", paramLabel = "FILE",
      description = "Also write one time-ordered JSON Lines file of all events, each with its function.")
  Path merge;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "16", description = "Objects fetched at once.")
  int parallel;

  @Override
  public Integer call() throws Exception {
    Instant from = since;
    Instant until = this.until == null ? Instant.now() : this.until;
    PrintWriter err = spec.commandLine().getErr();
    long started = System.nanoTime();
    try {
      Files.createDirectories(to);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot write to --to " + to + ": " + Errors.describe(e)
          + "; choose a folder you can write");
    }
    try (Aws aws = new Aws(global)) {
      Archives.Location where = archive.locate(aws);
      List<Reader.Item> items = archive.items(where, from, until);
      if (items.isEmpty()) {
        err.println(ArchiveOptions.nothing(where, from, until));
        return 0;
      }
      AtomicInteger finished = new AtomicInteger();
      boolean bar = !global.quiet && System.console() != null;
      List<Done> outcomes = Parallel.map(items, parallel, item -> {
        Done done = copy(where.source(), item.object());
        if (bar) {
          progress(err, finished.incrementAndGet(), items.size());
        }
        return done;
      });
      long bytes = items.stream().mapToLong(i -> Math.max(0, i.object().size())).sum();
      long failed = outcomes.stream().filter(d -> d == Done.FAILED).count();
      if (merge != null) {
        merge(items);
      }
      report(outcomes, bytes, (System.nanoTime() - started) / 1e9);
      return failed == 0 ? 0 : failed == items.size() ? ExitException.FAILED : ExitException.PARTLY_DONE;
    }
  }

  private Done copy(Source source, Source.ObjectRef object) {
    String key = object.key();
    Path target = to.resolve(decompress && key.endsWith(".gz") ? key.substring(0, key.length() - 3) : key);
    try {
      if (Files.exists(target) && (decompress || Files.size(target) == object.size())) {
        return Done.SKIPPED;
      }
      Files.createDirectories(target.getParent());
      Path partial = target.resolveSibling(target.getFileName() + ".partial");
      try (InputStream in = source.open(key)) {
        Files.copy(decompress && key.endsWith(".gz") ? new GZIPInputStream(in, 64 * 1024) : in, partial,
            StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Done.DOWNLOADED;
    } catch (IOException | Errors.Failure e) {
      String why = e instanceof IOException io ? Errors.describe(io) : e.getMessage();
      spec.commandLine().getErr().println("lambdalogs: could not download " + key + ": " + why);
      return Done.FAILED;
    }
  }

  /** The merged file, read back from what was downloaded, in time order. */
  private void merge(List<Reader.Item> items) throws IOException {
    DirSource local = new DirSource(to);
    List<Reader.Item> downloaded = items.stream().map(i -> {
      String key = i.object().key();
      String localKey = decompress && key.endsWith(".gz") ? key.substring(0, key.length() - 3) : key;
      return new Reader.Item(new Source.ObjectRef(localKey, i.object().size(), i.object().written()), i.function());
    }).filter(i -> Files.exists(to.resolve(i.object().key()))).toList();
    Reader reader = new Reader(local, parallel, warning -> spec.commandLine().getErr().println("lambdalogs: " + warning));
    try (BufferedWriter out = Files.newBufferedWriter(merge, StandardCharsets.UTF_8)) {
      reader.read(downloaded, e -> true, e -> {
        try {
          out.write(EventFormat.withFunction(e));
          out.write('\n');
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    }
  }

  private static synchronized void progress(PrintWriter err, int done, int total) {
    int width = 30;
    int filled = done * width / total;
    err.print("\r[" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " objects");
    if (done == total) {
      err.println();
    }
    err.flush();
  }

  private void report(List<Done> outcomes, long bytes, double seconds) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("objects", outcomes.size());
    summary.put("downloaded", outcomes.stream().filter(d -> d == Done.DOWNLOADED).count());
    summary.put("skipped", outcomes.stream().filter(d -> d == Done.SKIPPED).count());
    summary.put("failed", outcomes.stream().filter(d -> d == Done.FAILED).count());
    summary.put("bytes", bytes);
    summary.put("seconds", Math.round(seconds * 100) / 100.0);
    summary.put("to", to.toString());
    if (merge != null) {
      summary.put("merged", merge.toString());
    }
    if (global.json()) {
      spec.commandLine().getOut().println(Json.write(summary));
    } else {
      spec.commandLine().getOut().printf("%d objects (%d downloaded, %d skipped, %d failed), %.1f MB in %.1f s, under %s%n",
          outcomes.size(), summary.get("downloaded"), summary.get("skipped"), summary.get("failed"), bytes / 1e6, seconds, to);
    }
    spec.commandLine().getOut().flush();
  }

}
