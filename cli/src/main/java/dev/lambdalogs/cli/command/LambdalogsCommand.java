package dev.lambdalogs.cli.command;

import picocli.CommandLine.Command;

@Command(
    name = "lambdalogs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Ships AWS Lambda logs straight to S3 through a Lambda extension, and reads them back.",
    subcommands = {InstallCommand.class, UninstallCommand.class, StatusCommand.class, TailCommand.class,
        DownloadCommand.class, LayerCommand.class,
        DemoCommand.class, picocli.CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 done, 1 failed, 2 bad usage, 3 partly done, 4 drift found by status --check."})
public final class LambdalogsCommand {}
