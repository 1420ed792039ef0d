package dev.lambdalogs.cli;

import dev.lambdalogs.cli.command.LambdalogsCommand;
import dev.lambdalogs.cli.util.Proxies;
import picocli.CommandLine;

/**
 * The lambdalogs command's entry point: failures become the documented exit codes in {@link
 * Failures}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Proxies.apply(System.getenv());
    System.exit(run(args));
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new LambdalogsCommand());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    Failures failures = new Failures();
    cli.setExecutionExceptionHandler(failures);
    cli.setParameterExceptionHandler(failures);
    return cli;
  }
}
