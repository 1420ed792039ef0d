package dev.lambdalogs.cli.command;

import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The time range query and stats read: from --since (default: the last day) until --until. */
public final class RangeOptions {
  @Option(
      names = "--since",
      paramLabel = "WHEN",
      defaultValue = "1d",
      converter = Converters.When.class,
      description = "From: 2h, 1d, 7d, or an instant such as 2026-11-24T10:00Z (default: 1d).")
  Instant since;

  @Mixin UntilOption until;

  Instant from() {
    return since;
  }

  Instant until() {
    return until.until();
  }
}
