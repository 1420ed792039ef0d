package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.failure.Failure;
import dev.lambdalogs.cli.output.StatusReport;
import dev.lambdalogs.cli.service.Aws;
import dev.lambdalogs.cli.service.Functions;
import dev.lambdalogs.cli.service.Status;
import dev.lambdalogs.cli.util.Parallel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Shows which functions have the extension, which layer version, whether it is this CLI's, "
            + "whether each may write where its logs go, and where that is. Without a selection: every function in "
            + "the region.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lambdalogs status",
      "  lambdalogs status --check --tag team=web   # a CI gate: exit 4 on drift",
      "  lambdalogs status -f greeter_fn -o json"
    })
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin SelectionOptions selectionOptions;

  @Option(
      names = "--check",
      description =
          "Exit 4 when any selected function that can take the layer lacks the "
              + "extension, has an outdated one, lacks its grant, or ships to a bucket that is missing or not yours; each "
              + "is named on stderr with its reason (a drift check for CI after deploys). Container images and runtimes "
              + "install refuses are not applicable and do not fail it.")
  boolean check;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Aws aws = new Aws(global.aws())) {
      global.progress(err).accept("finding the functions in " + aws.region());
      aws.warmUp(aws.region(), true);
      Functions.Found found = new Functions(aws).find(selectionOptions.selection());
      if (found.targets().isEmpty() && found.missing().isEmpty()) {
        if (check) {
          found.requireSome(aws.region() + ": nothing was checked");
        }
        err.println("lambdalogs: " + Functions.nothingMatches(aws.region()));
        return 0;
      }
      Status status = new Status(aws);
      List<Status.Row> rows =
          new ArrayList<>(
              Parallel.map(
                  found.targets(),
                  8,
                  t -> {
                    try {
                      return status.of(t);
                    } catch (Failure e) {
                      return Status.Row.unreadable(t.name(), e.getMessage());
                    }
                  }));
      found.missing().forEach((name, why) -> rows.add(Status.Row.unreadable(name, why)));
      StatusReport.print(out, rows, global.json());
      List<Status.Row> drifted = rows.stream().filter(Status.Row::drifted).toList();
      if (check) {
        drifted.forEach(
            r ->
                err.println(
                    "lambdalogs: drift: " + r.function() + ": " + String.join("; ", r.problems())));
        if (!drifted.isEmpty()) {
          err.println(
              "lambdalogs: "
                  + drifted.size()
                  + " of "
                  + rows.size()
                  + " functions drifted: run lambdalogs "
                  + "install on them (it is safe to run again)");
        }
      }
      return Status.exitCode(drifted.size(), found.missing().size(), check);
    }
  }
}
