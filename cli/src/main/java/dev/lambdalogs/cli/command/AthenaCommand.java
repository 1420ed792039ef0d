package dev.lambdalogs.cli.command;

import picocli.CommandLine.Command;

@Command(
    name = "athena",
    mixinStandardHelpOptions = true,
    description =
        "Athena over the archive: `athena setup` makes the Glue table and the view logs that"
            + " `query --engine athena` reads.",
    subcommands = {AthenaSetupCommand.class})
public final class AthenaCommand {}
