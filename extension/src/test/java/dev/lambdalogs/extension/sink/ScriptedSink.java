package dev.lambdalogs.extension.sink;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A sink that fails as its script says, then as its default says, and remembers every attempt. */
final class ScriptedSink implements Sink {
  record Attempt(String key, long atMillis, int timeoutMs, boolean written) {}

  /** More attempts than any test needs: past them, the shipper is retrying without end. */
  private static final int MOST_ATTEMPTS = 10_000;

  private final SimulatedClock clock;
  private final Deque<IOException> script = new ArrayDeque<>();
  private IOException afterScript;
  private Runnable duringNextPut;
  final List<Attempt> attempts = new ArrayList<>();
  final List<String> written = new ArrayList<>();

  ScriptedSink(SimulatedClock clock) {
    this.clock = clock;
  }

  /** The next {@code times} attempts fail with {@code failure}. */
  ScriptedSink failing(int times, IOException failure) {
    for (int i = 0; i < times; i++) {
      script.addLast(failure);
    }
    return this;
  }

  /** Every attempt after the script fails with {@code failure}. */
  ScriptedSink thenAlways(IOException failure) {
    afterScript = failure;
    return this;
  }

  /** Runs {@code action} inside the next attempt, while its batch is being written. */
  void duringNextPut(Runnable action) {
    duringNextPut = action;
  }

  @Override
  public void put(String key, byte[] body, int timeoutMs) throws IOException {
    if (attempts.size() == MOST_ATTEMPTS) {
      throw new AssertionError(
          MOST_ATTEMPTS + " attempts at " + key + ": the shipper never stops retrying");
    }
    if (duringNextPut != null) {
      Runnable action = duringNextPut;
      duringNextPut = null;
      action.run();
    }
    IOException failure = script.isEmpty() ? afterScript : script.pollFirst();
    attempts.add(new Attempt(key, clock.millis(), timeoutMs, failure == null));
    if (failure != null) {
      throw failure;
    }
    written.add(key);
  }

  @Override
  public String describe(String key) {
    return "scripted://" + key;
  }
}
