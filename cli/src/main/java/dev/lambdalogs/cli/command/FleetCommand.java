package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.output.FleetReport;
import dev.lambdalogs.cli.service.Aws;
import dev.lambdalogs.cli.service.Buckets;
import dev.lambdalogs.cli.service.Errors;
import dev.lambdalogs.cli.service.Functions;
import dev.lambdalogs.cli.service.Installer;
import dev.lambdalogs.cli.service.Installer.Outcome;
import dev.lambdalogs.cli.service.Installer.Result;
import dev.lambdalogs.cli.service.Selection;
import dev.lambdalogs.cli.service.Target;
import dev.lambdalogs.cli.util.ExitException;
import dev.lambdalogs.cli.util.Parallel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  static final int PARTLY_DONE = 3;

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

  /** Checks and prepares what all functions share; returns the bucket's plan, if any. */
  abstract Buckets.Plan prepare(Aws aws);

  abstract Result act(Installer installer, Target target);

  @Override
  public Integer call() {
    Selection selection = selectionOptions.selection();
    if (selection.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "name the functions: -f NAME (repeatable), --function-regex RE, or --tag KEY=VALUE");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Aws aws = new Aws(global)) {
      Functions functions = new Functions(aws);
      Functions.Found found = functions.find(selection);
      if (found.targets().isEmpty() && found.missing().isEmpty()) {
        throw new ExitException(ExitException.FAILED, "no function matches the selection in " + aws.region());
      }
      Buckets.Plan bucket;
      try {
        bucket = prepare(aws);
      } catch (Errors.Failure e) {
        throw new ExitException(ExitException.FAILED, e.getMessage());
      }
      Installer installer = new Installer(aws, functions, new dev.lambdalogs.cli.service.Layers(aws),
          new dev.lambdalogs.cli.service.Grants(aws));
      List<Result> results = new ArrayList<>();
      for (Map.Entry<String, String> missing : found.missing().entrySet()) {
        results.add(new Result(missing.getKey(), null, Outcome.FAILED, missing.getValue(), null, null, List.of(), List.of()));
      }
      results.addAll(Parallel.map(found.targets(), parallel, target -> {
        Result result = safely(installer, target);
        if (!global.quiet) {
          FleetReport.progress(err, result);
        }
        return result;
      }));
      if (global.json()) {
        FleetReport.json(out, spec.name(), dryRun, bucket, results);
      } else {
        FleetReport.text(out, bucket, results, dryRun || global.verbose);
      }
      return exitCode(results);
    }
  }

  private Result safely(Installer installer, Target target) {
    try {
      return act(installer, target);
    } catch (Errors.Failure e) {
      return new Result(target.name(), target.region(), Outcome.FAILED, e.getMessage(), null, null, List.of(), List.of());
    }
  }

  static int exitCode(List<Result> results) {
    long failed = results.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
    return failed == 0 ? 0 : failed == results.size() ? ExitException.FAILED : PARTLY_DONE;
  }
}
