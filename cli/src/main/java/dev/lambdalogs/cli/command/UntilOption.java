package dev.lambdalogs.cli.command;

import java.time.Instant;
import picocli.CommandLine.Option;

/** The end of the range the archive is read in: --until, else now. */
public final class UntilOption {
  @Option(
      names = "--until",
      paramLabel = "WHEN",
      converter = Converters.When.class,
      description = "Until (default: now).")
  Instant until;

  Instant until() {
    return until == null ? Instant.now() : until;
  }
}
