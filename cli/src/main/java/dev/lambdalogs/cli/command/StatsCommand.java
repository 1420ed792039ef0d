package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.archive.Reader;
import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.cli.output.StatsReport;
import dev.lambdalogs.cli.query.FunctionStats;
import dev.lambdalogs.cli.query.LocalCopies;
import dev.lambdalogs.cli.query.LocalEngine;
import dev.lambdalogs.cli.service.Archives;
import dev.lambdalogs.cli.service.Aws;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Per function, over a time range: invocations, errors, cold starts, p50/p99/max duration,"
          + " max memory used, GB-seconds and the estimated compute cost, from the archived"
          + " platform.report and platform.initReport events and the function's lines.",
      "Computed by the local engine over copies of the range's objects, as query's are."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lambdalogs stats --since 7d",
      "  lambdalogs stats -f greeter_fn --since 1d -o json"
    })
public final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin ArchiveOptions archive;

  @Mixin RangeOptions range;

  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try (Aws aws = new Aws(global.aws())) {
      Archives.Location where = archive.locate(aws);
      List<Reader.Item> items = archive.items(where, range.from(), range.until());
      if (items.isEmpty()) {
        err.println(ArchiveOptions.nothing(where, range.from(), range.until()));
      }
      LocalCopies.Prepared copies = archive.copies(where, items, engine, global.quiet, err);
      try (LocalEngine local =
          LocalEngine.open(copies.copies(), range.from(), range.until(), engine.cache())) {
        StatsReport.print(spec.commandLine().getOut(), global.json(), FunctionStats.of(local));
      }
      return ExitException.forFailures(copies.failed(), items.size());
    }
  }
}
