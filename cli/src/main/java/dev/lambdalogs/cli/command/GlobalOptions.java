package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.service.AwsConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every command that talks to AWS shares, named as the AWS CLI names them. */
public final class GlobalOptions {
  public enum Format {
    text,
    json,
    /** query's only */
    csv
  }

  /** A command whose output can be CSV: a table of rows. */
  interface Tabular {}

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region (default: as the AWS CLI resolves it).")
  public String region;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "Named profile from ~/.aws/config.")
  public String profile;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "Send every AWS call here (an emulator or an S3-compatible store). AWS_ENDPOINT_URL works too.")
  public URI endpoint;

  public Format output;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (for people) or json (one document, for scripts); query also csv. Default:"
              + " ${DEFAULT-VALUE}.")
  void output(Format format) {
    if (format == Format.csv && !(mixee.userObject() instanceof Tabular)) {
      throw new ParameterException(
          mixee.commandLine(), "-o csv is for query only: use -o text or -o json");
    }
    output = format;
  }

  @Option(
      names = {"-v", "--verbose"},
      description = "Say more on stderr.")
  public boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress on stderr.")
  public boolean quiet;

  @Option(names = "--no-color", description = "No colours, even on a terminal.")
  public boolean noColor;

  /** Where a command says what it is doing, from its first second: stderr, unless -q. */
  public Consumer<String> progress(PrintWriter err) {
    return step -> {
      if (!quiet) {
        err.println("lambdalogs: " + step + "...");
        err.flush();
      }
    };
  }

  /** How to reach AWS, for the clients built below the commands. */
  public AwsConfig aws() {
    return new AwsConfig(region, profile, endpoint);
  }

  public boolean json() {
    return output == Format.json;
  }
}
