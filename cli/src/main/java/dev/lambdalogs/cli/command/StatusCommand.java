package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.output.Table;
import dev.lambdalogs.cli.service.Aws;
import dev.lambdalogs.cli.service.Errors;
import dev.lambdalogs.cli.service.Functions;
import dev.lambdalogs.cli.service.Layers;
import dev.lambdalogs.cli.service.Status;
import dev.lambdalogs.cli.util.ExitException;
import dev.lambdalogs.cli.util.Json;
import dev.lambdalogs.cli.util.Parallel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Shows which functions have the extension, which layer version, whether it is this CLI's, and "
        + "where their logs go. Without a selection: every function in the region.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  lambdalogs status",
        "  lambdalogs status --check --tag team=web   # a CI gate: exit 4 on drift",
        "  lambdalogs status -f greeter_fn -o json"})
public final class StatusCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  GlobalOptions global;

  @Mixin
  SelectionOptions selectionOptions;

  @Option(names = "--check", description = "Exit 4 when any selected function lacks the extension or has an outdated one "
      + "(a drift check for CI after deploys).")
  boolean check;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Aws aws = new Aws(global)) {
      Functions.Found found = new Functions(aws).find(selectionOptions.selection());
      Status status = new Status(new Layers(aws));
      List<Status.Row> rows = new ArrayList<>(Parallel.map(found.targets(), 8, t -> {
        try {
          return status.of(t);
        } catch (Errors.Failure e) {
          return new Status.Row(t.name(), t.region(), t.runtime(), t.architecture(), false, null, false, null, e.getMessage());
        }
      }));
      found.missing().forEach((name, why) -> rows.add(new Status.Row(name, null, null, null, false, null, false, null, why)));
      if (global.json()) {
        out.println(Json.write(Map.of("functions", rows.stream().map(StatusCommand::json).toList())));
      } else {
        Table table = new Table("FUNCTION", "RUNTIME", "ARCH", "EXTENSION", "STATE", "LOGS TO");
        rows.forEach(r -> table.row(r.function(), r.runtime(), r.architecture(), r.installed() ? r.layer() : "not installed",
            state(r), r.destination()));
        table.print(out);
      }
      boolean drift = rows.stream().anyMatch(r -> !Status.healthy(r));
      if (check && drift) {
        return ExitException.DRIFT;
      }
      return found.missing().isEmpty() ? 0 : ExitException.FAILED;
    }
  }

  private static String state(Status.Row r) {
    if (r.problem() != null) {
      return r.problem();
    }
    return !r.installed() ? "-" : r.upToDate() ? "up to date" : "outdated: run lambdalogs install";
  }

  private static Map<String, Object> json(Status.Row r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("function", r.function());
    m.put("region", r.region());
    m.put("runtime", r.runtime());
    m.put("architecture", r.architecture());
    m.put("installed", r.installed());
    m.put("layer", r.layer());
    m.put("upToDate", r.upToDate());
    m.put("destination", r.destination());
    m.put("problem", r.problem());
    return m;
  }
}
