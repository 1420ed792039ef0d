package dev.lambdalogs.cli;

import dev.lambdalogs.cli.command.LambdalogsCommand;
import dev.lambdalogs.cli.util.ExitException;
import dev.lambdalogs.cli.util.Proxies;
import picocli.CommandLine;

/** The lambdalogs command's entry point: maps failures to the documented exit codes. */
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
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof ExitException exit) {
        commandLine.getErr().println(commandLine.getColorScheme().errorText("lambdalogs: " + exit.getMessage()));
        return exit.code();
      }
      throw e;
    });
    return cli;
  }
}
