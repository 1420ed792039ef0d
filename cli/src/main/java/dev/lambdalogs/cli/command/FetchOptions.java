package dev.lambdalogs.cli.command;

import picocli.CommandLine.Option;

/** How many of the archive's objects tail, download, query and stats fetch at once. */
public final class FetchOptions {
  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "16",
      description = "Objects fetched at once.")
  int parallel;
}
