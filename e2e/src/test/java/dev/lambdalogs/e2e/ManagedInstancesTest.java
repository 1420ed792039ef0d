package dev.lambdalogs.e2e;

import static dev.lambdalogs.e2e.support.Environment.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.e2e.support.Archive;
import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.e2e.support.FaultProxy.Fault;
import dev.lambdalogs.e2e.support.ProxiedS3;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import dev.lambdalogs.sandbox.testing.Await;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real layer on a Managed Instances environment of the sandbox: invocations at once, never
 * frozen, SHUTDOWN the only event an extension may ask for, schema 2025-01-29. Every line must
 * arrive once, filed under the request that wrote it, or under none when it named none.
 */
class ManagedInstancesTest {
  static final String BUCKET = "mi-logs";
  static final String FUNCTION = "busy_fn";
  static final String BACKGROUND = "background";

  @RegisterExtension static final ProxiedS3 servers = new ProxiedS3(BUCKET);

  /**
   * What each request logged, in order; the background thread's lines under {@link #BACKGROUND}.
   */
  final Map<String, List<String>> logged = Collections.synchronizedMap(new LinkedHashMap<>());

  Sandbox start(String... keysAndValues) throws Exception {
    Sandbox sandbox =
        Sandbox.start(
            Environment.layer(false),
            LambdaFunction.managedInstances(
                FUNCTION, with(Environment.s3(servers.proxy().endpoint(), BUCKET), keysAndValues)),
            Limits.defaults());
    assertThat(sandbox.initResult().ok())
        .as("init: %s; extension output: %s", sandbox.initResult(), sandbox.extensionOutput())
        .isTrue();
    return sandbox;
  }

  /**
   * {@code invocations} invocations, {@code concurrency} at once, each logging {@code lines} lines;
   * halfway through each, a background thread of the function prints a line that belongs to no
   * request.
   */
  void invokeConcurrently(Sandbox sandbox, int concurrency, int invocations, int lines)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int n = 0; n < invocations; n++) {
        running.add(
            pool.submit(
                () ->
                    sandbox.invoke(
                        invocation -> {
                          List<String> mine = new ArrayList<>();
                          logged.put(invocation.requestId(), mine);
                          for (int i = 0; i < lines; i++) {
                            String line = invocation.requestId() + " line " + i;
                            mine.add(line);
                            invocation.log(line);
                            if (i == lines / 2) {
                              logInBackground(sandbox, "while " + invocation.requestId() + " runs");
                            }
                          }
                        })));
      }
      for (Future<?> invocation : running) {
        invocation.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A line no request wrote: its order among other threads' lines is the platform's. */
  void logInBackground(Sandbox sandbox, String text) {
    synchronized (logged) {
      logged.computeIfAbsent(BACKGROUND, k -> new ArrayList<>()).add(text);
      sandbox.logOutsideInvocation(text);
    }
  }

  static ShutdownResult assertCleanExit(Sandbox sandbox) {
    ShutdownResult result = sandbox.shutdown();
    String output = String.join("\n", sandbox.extensionOutput());
    assertThat(result.killed()).as(output).isEmpty();
    assertThat(result.exitCodes()).as(output).containsEntry("lambdalogs", 0);
    assertThat(result.exitErrors()).as("nothing lost at shutdown; %s", output).isEmpty();
    return result;
  }

  /**
   * Each request's lines once, in its order, under its id; the background's once, in order, under
   * none.
   */
  void assertEveryLineFiledUnderItsRequest() throws Exception {
    Map<String, List<String>> archived = new LinkedHashMap<>();
    for (Map<String, Object> event : archive().eventsOfType("function")) {
      Map<?, ?> record = (Map<?, ?>) event.get("record");
      Object own = record.get("requestId");
      assertThat(event.get("requestId"))
          .as("the line's request, as it named it: %s", event)
          .isEqualTo(own);
      archived
          .computeIfAbsent(own == null ? BACKGROUND : (String) own, k -> new ArrayList<>())
          .add((String) record.get("message"));
    }
    assertThat(archived).containsOnlyKeys(logged.keySet());
    logged.forEach(
        (request, lines) -> assertThat(archived.get(request)).as(request).isEqualTo(lines));
    assertThat(archived.get(BACKGROUND)).as("lines of no request").hasSize(logged.size() - 1);
  }

  long archivedLines() {
    try {
      return Archive.read(servers.client(), BUCKET, "lambda-logs/").functionLines().size();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Archive archive() throws Exception {
    return Archive.read(servers.client(), BUCKET, "lambda-logs/").assertLayout(FUNCTION);
  }

  @Test
  void concurrentInvocationsAreWrittenOnTheExtensionsOwnTimerEachLineUnderItsRequest()
      throws Exception {
    try (Sandbox sandbox = start("LAMBDALOGS_FLUSH_INTERVAL_S", "1")) {
      invokeConcurrently(sandbox, 8, 40, 50);
      long lines = logged.values().stream().mapToLong(List::size).sum();
      // no INVOKE, no freeze: only its own timer can have written these, while the environment runs
      // on
      Await.until("every line written before shutdown", () -> archivedLines() == lines);
      assertCleanExit(sandbox);
    }
    assertEveryLineFiledUnderItsRequest();
    List<Map<String, Object>> registrations = archive().eventsOfType("platform.extension");
    assertThat(registrations)
        .singleElement()
        .extracting(e -> ((Map<?, ?>) e.get("record")).get("events"))
        .isEqualTo(List.of("SHUTDOWN"));
    assertThat(archive().eventsOfType("platform.report")).hasSize(40);
  }

  @Test
  void s3FailingDuringConcurrentInvocationsLosesNothing() throws Exception {
    try (Sandbox sandbox =
        start("LAMBDALOGS_FLUSH_INTERVAL_S", "1", "LAMBDALOGS_FLUSH_BYTES", "16384")) {
      servers.proxy().failAll(Fault.INTERNAL_ERROR);
      invokeConcurrently(sandbox, 16, 32, 40);
      Environment.awaitOutput(sandbox, "holding the logs and retrying");
      servers.proxy().heal();
      invokeConcurrently(sandbox, 16, 32, 40);
      assertCleanExit(sandbox);
    }
    assertThat(servers.proxy().count("INTERNAL_ERROR")).isPositive();
    assertEveryLineFiledUnderItsRequest();
  }

  @Test
  void shutdownRightAfterABurstWritesEveryBufferedLine() throws Exception {
    try (Sandbox sandbox =
        start()) { // the default 60 s interval: nothing is due before the shutdown
      invokeConcurrently(sandbox, 32, 64, 100);
      assertCleanExit(sandbox);
    }
    assertEveryLineFiledUnderItsRequest();
  }
}
