package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.output.FleetReport;
import dev.lambdalogs.cli.service.Aws;
import dev.lambdalogs.cli.service.Buckets;
import dev.lambdalogs.cli.service.Functions;
import dev.lambdalogs.cli.service.Installer;
import dev.lambdalogs.cli.service.Journal;
import dev.lambdalogs.cli.service.Installer.Outcome;
import dev.lambdalogs.cli.service.Installer.Result;
import dev.lambdalogs.cli.service.Selection;
import dev.lambdalogs.cli.service.Target;
import dev.lambdalogs.cli.util.ExitException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What install and uninstall share: pick the functions, act on each (a bounded number at a time), report
 * each one's outcome, and exit 0 when all went well, 3 when some failed, 1 when all did.
 */
abstract class FleetCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  GlobalOptions global;

  @Mixin
  SelectionOptions selectionOptions;

  @Option(names = "--dry-run", description = "Print the complete plan and change nothing.")
  boolean dryRun;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
      description = "Functions worked on at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  /**
   * Plans what all functions share, changing nothing: started while the functions are listed, it waits
   * for their round trips rather than after them. Yields the bucket's plan, or null.
   */
  abstract Supplier<Buckets.Plan> planShared(Aws aws);

  /** Carries out the shared plan once there are functions to act on, saying what it changed. */
  abstract void applyShared(Buckets.Plan plan, Aws aws, Journal journal);

  abstract List<Result> act(Installer installer, List<Target> targets, Consumer<Result> progress);

  @Override
  public Integer call() {
    Selection selection = selectionOptions.selection();
    if (selection.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "name the functions: -f NAME (repeatable), --function-regex RE, or --tag KEY=VALUE");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Journal journal = new Journal(global.progress(err));
    try (Aws aws = new Aws(global); Interruption interruption = Interruption.saying(journal, err)) {
      journal.step("finding the functions in " + aws.region());
      aws.warmUp(aws.region(), false);
      Supplier<Buckets.Plan> planned = planShared(aws);
      Functions.Found found = new Functions(aws).find(selection);
      if (found.targets().isEmpty() && found.missing().isEmpty()) {
        throw new ExitException(ExitException.FAILED, Functions.nothingMatches(aws.region()));
      }
      Buckets.Plan bucket = planned.get();
      applyShared(bucket, aws, journal);
      List<Result> results = new ArrayList<>();
      found.missing().forEach((name, why) -> results.add(Result.failed(name, null, why)));
      results.addAll(act(new Installer(aws, parallel, journal), found.targets(), result -> {
        if (!global.quiet) {
          FleetReport.progress(err, result);
        }
      }));
      if (global.json()) {
        FleetReport.json(out, spec.name(), dryRun, bucket, results);
      } else {
        FleetReport.text(out, bucket, results, dryRun || global.verbose);
      }
      return exitCode(results);
    }
  }

  static int exitCode(List<Result> results) {
    long failed = results.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
    return failed == 0 ? 0 : failed == results.size() ? ExitException.FAILED : ExitException.PARTLY_DONE;
  }
}
