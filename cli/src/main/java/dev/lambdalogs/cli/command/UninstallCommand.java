package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.service.Aws;
import dev.lambdalogs.cli.service.Buckets;
import dev.lambdalogs.cli.service.Installer;
import dev.lambdalogs.cli.service.Installer.FleetPlan;
import dev.lambdalogs.cli.service.Target;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Takes the extension off functions: its layer, the LAMBDALOGS_* variables and the function's "
            + "grant. Keeps the bucket and the logs. Where it is not installed, does nothing.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lambdalogs uninstall --function greeter_fn",
      "  lambdalogs uninstall --tag team=web --dry-run"
    })
public final class UninstallCommand extends FleetCommand {
  @Override
  Supplier<Buckets.Plan> planBucket(Aws aws) {
    return () -> null; // the bucket and the logs stay
  }

  @Override
  FleetPlan plan(Installer installer, List<Target> targets, Buckets.Plan bucket) {
    return installer.planUninstall(targets, dryRun);
  }
}
