package dev.lambdalogs.cli;

import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.cli.failure.Failure;
import dev.lambdalogs.cli.failure.Wording;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where failures become messages and exit codes, for every command: a usage error is
 * said once with a hint (exit 2), a failure in one line that says what to do (exit 1 unless it
 * carries its own code). Nothing reaches a user as a stack trace; -v adds it.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getColorScheme().errorText(prefix(command) + e.getMessage()));
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        err.println(
            "Did you mean: "
                + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                + "?");
      }
    }
    err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
    if (verbose(args)) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitException.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println(command.getColorScheme().errorText("lambdalogs: " + message(e)));
    if (verbose(parsed.originalArgs().toArray(String[]::new))) {
      e.printStackTrace(err);
    }
    err.flush();
    return e instanceof ExitException exit ? exit.code() : ExitException.FAILED;
  }

  /** What failed, worded for a user; an unforeseen failure says so and how to learn more. */
  static String message(Throwable e) {
    if (e instanceof ExitException || e instanceof Failure) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException io) {
      return message(io.getCause());
    }
    if (e instanceof IOException io) {
      return Wording.describe(io);
    }
    if (e instanceof SdkException) {
      return Wording.firstLine(String.valueOf(e.getMessage())) + " (run again with -v for details)";
    }
    return "unexpected failure: "
        + e
        + " (run again with -v for the stack trace, and please report it)";
  }

  /** "lambdalogs install: " for a subcommand's error, "lambdalogs: " for the top command's. */
  private static String prefix(CommandLine command) {
    return command.getCommandSpec().qualifiedName() + ": ";
  }

  private static boolean verbose(String[] args) {
    for (String arg : args) {
      if (arg.equals("-v") || arg.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
