package dev.lambdalogs.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

@Command(
    name = "lambdalogs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Ships AWS Lambda logs straight to S3 through a Lambda extension, and reads them back.",
    subcommands = {
      InstallCommand.class,
      UninstallCommand.class,
      StatusCommand.class,
      TailCommand.class,
      DownloadCommand.class,
      QueryCommand.class,
      StatsCommand.class,
      AthenaCommand.class,
      LayerCommand.class,
      DemoCommand.class,
      picocli.CommandLine.HelpCommand.class
    },
    // inherited: every command's help and man page lists the exit codes
    scope = ScopeType.INHERIT,
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:done",
      "1:failed (what failed, on which resource, and what to do are said on stderr)",
      "2:bad usage (nothing was called)",
      "3:partly done (each failed function or object named with its reason)",
      "4:status --check found drift (each function named on stderr with its reason)",
      "130:interrupted by Ctrl-C (what was already changed is said; run the command again to finish)"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lambdalogs demo",
      "  lambdalogs install --function greeter_fn",
      "  lambdalogs status --check",
      "  lambdalogs tail -f greeter_fn --since 1h --grep ERROR"
    })
public final class LambdalogsCommand {}
