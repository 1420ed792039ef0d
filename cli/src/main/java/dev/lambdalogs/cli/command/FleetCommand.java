package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.cli.output.FleetReport;
import dev.lambdalogs.cli.service.Aws;
import dev.lambdalogs.cli.service.Buckets;
import dev.lambdalogs.cli.service.Functions;
import dev.lambdalogs.cli.service.Installer;
import dev.lambdalogs.cli.service.Installer.FleetPlan;
import dev.lambdalogs.cli.service.Installer.Outcome;
import dev.lambdalogs.cli.service.Installer.Result;
import dev.lambdalogs.cli.service.Journal;
import dev.lambdalogs.cli.service.Selection;
import dev.lambdalogs.cli.service.Target;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What install and uninstall share: pick the functions, plan the change to each (changing nothing),
 * then print the plan ({@code --dry-run}) or apply it (a bounded number of functions at a time),
 * and report each one's outcome.
 */
abstract class FleetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin SelectionOptions selectionOptions;

  @Option(names = "--dry-run", description = "Print the complete plan and change nothing.")
  boolean dryRun;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "8",
      description = "Functions worked on at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  /**
   * Plans the bucket, changing nothing: started while the functions are listed, it waits for their
   * round trips rather than after them. Yields the bucket's plan, or null.
   */
  abstract Supplier<Buckets.Plan> planBucket(Aws aws);

  /** Plans the change to every function, changing nothing. */
  abstract FleetPlan plan(Installer installer, List<Target> targets, Buckets.Plan bucket);

  @Override
  public Integer call() {
    Selection selection = selectionOptions.selection();
    if (selection.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "name the functions: -f NAME (repeatable), --function-regex RE, or --tag KEY=VALUE");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Journal journal = new Journal(global.progress(err));
    Consumer<Result> progress =
        result -> {
          if (!global.quiet) {
            FleetReport.progress(err, result);
          }
        };
    try (Aws aws = new Aws(global.aws());
        Interruption interruption = Interruption.saying(journal, err)) {
      journal.step("finding the functions in " + aws.region());
      aws.warmUp(aws.region(), false);
      Supplier<Buckets.Plan> bucket = planBucket(aws);
      Functions.Found found = new Functions(aws).find(selection).requireSome(aws.region());
      Installer installer = new Installer(aws, parallel, journal);
      FleetPlan plan = plan(installer, found.targets(), bucket.get());
      List<Result> results = new ArrayList<>();
      found.missing().forEach((name, why) -> results.add(Result.failed(name, null, why)));
      if (dryRun) {
        plan.results().forEach(progress);
        results.addAll(plan.results());
      } else {
        results.addAll(installer.apply(plan, progress));
      }
      if (global.json()) {
        FleetReport.json(out, spec.name(), dryRun, plan, results);
      } else {
        FleetReport.text(out, plan, results, dryRun || global.verbose);
      }
      return ExitException.forFailures(
          results.stream().filter(r -> r.outcome() == Outcome.FAILED).count(), results.size());
    }
  }
}
