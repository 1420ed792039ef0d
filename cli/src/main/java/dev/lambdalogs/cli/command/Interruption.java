package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.service.Journal;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT), or a cancelled CI job (SIGTERM), during long work: while a command changes
 * functions it says what was already changed and that running the command again finishes the work;
 * while Athena runs a query, the query is stopped. Then it exits 128 + the signal's number.
 */
final class Interruption implements AutoCloseable {
  private static final Map<String, Integer> EXIT_CODES = Map.of("INT", 130, "TERM", 143);

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private Interruption() {}

  /** While open, Ctrl-C or SIGTERM tells what was changed, then ends the process. */
  static Interruption saying(Journal journal, PrintWriter err) {
    return then(
        () -> {
          List<String> changes = journal.changes();
          err.println(
              "lambdalogs: interrupted. "
                  + (changes.isEmpty()
                      ? "Nothing was changed yet."
                      : "Already changed: " + String.join("; ", changes) + ".")
                  + " Run the same command again to finish: it reads everything again and does only what is left.");
          err.flush();
        });
  }

  /**
   * While open, Ctrl-C or SIGTERM runs {@code last}, then ends the process with 128 + its number.
   */
  static Interruption then(Runnable last) {
    Interruption interruption = new Interruption();
    EXIT_CODES.forEach(
        (name, code) -> {
          Signal signal = new Signal(name);
          try {
            interruption.previous.add(
                Signal.handle(
                    signal,
                    s -> {
                      last.run();
                      Runtime.getRuntime().halt(code);
                    }));
            interruption.signals.add(signal);
          } catch (IllegalArgumentException e) {
            // the signal is ignored here (a background job), or the JVM keeps it: nothing to say
            // then
          }
        });
    return interruption;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
