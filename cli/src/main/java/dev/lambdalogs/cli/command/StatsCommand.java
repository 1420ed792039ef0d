package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.output.StatsReport;
import dev.lambdalogs.cli.query.FunctionStats;
import dev.lambdalogs.cli.service.Aws;
import java.time.Instant;
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
    Instant from = range.from();
    Instant until = range.until();
    try (Aws aws = new Aws(global.aws())) {
      return archive.askLocally(
          archive.locate(aws),
          from,
          until,
          engine,
          global.quiet,
          spec.commandLine().getErr(),
          local ->
              StatsReport.print(
                  spec.commandLine().getOut(), global.json(), FunctionStats.of(local)));
    }
  }
}
