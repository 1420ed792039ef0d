package dev.lambdalogs.e2e;

import static dev.lambdalogs.e2e.support.Environment.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.contract.http.Http;
import dev.lambdalogs.e2e.support.Archive;
import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.e2e.support.FaultProxy.Fault;
import dev.lambdalogs.e2e.support.ProxiedS3;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.Handler;
import dev.lambdalogs.sandbox.model.InitResult;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.LogFormat;
import dev.lambdalogs.sandbox.model.Mode;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import dev.lambdalogs.sandbox.testing.Await;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The real layer in the sandbox emulator, writing through a fault-injecting proxy to moto's S3.
 * Every test checks that every line the function logged arrives exactly once, in order, under the
 * right key.
 */
class ExtensionToS3Test {
  static final String BUCKET = "team-logs";
  static final String FUNCTION = "greeter_fn";

  @RegisterExtension static final ProxiedS3 servers = new ProxiedS3(BUCKET);

  final List<String> logged = new ArrayList<>();

  Map<String, String> env(String... keysAndValues) {
    return with(Environment.s3(servers.proxy().endpoint(), BUCKET), keysAndValues);
  }

  /** A function that logs {@code count} numbered lines, remembered as what must arrive. */
  Handler logs(String tag, int count) {
    return invocation -> {
      for (int i = 0; i < count; i++) {
        String line = tag + " line " + i + " of " + invocation.requestId();
        logged.add(line);
        invocation.log(line);
      }
    };
  }

  /**
   * Like {@link #logs}, with random hex on each line: it compresses about 2:1, so bytes pile up
   * fast.
   */
  Handler incompressibleLogs(String tag, int count) {
    Random random = new Random(42);
    return invocation -> {
      for (int i = 0; i < count; i++) {
        String line =
            tag
                + " "
                + i
                + " "
                + Long.toHexString(random.nextLong())
                + Long.toHexString(random.nextLong())
                + Long.toHexString(random.nextLong())
                + Long.toHexString(random.nextLong());
        logged.add(line);
        invocation.log(line);
      }
    };
  }

  Archive archive() throws Exception {
    return Archive.read(servers.client(), BUCKET, "lambda-logs/");
  }

  /** Shuts the environment down and checks the extension left cleanly, before the deadline. */
  static ShutdownResult assertCleanExit(Sandbox sandbox) {
    ShutdownResult result = sandbox.shutdown();
    String output = String.join("\n", sandbox.extensionOutput());
    assertThat(result.killed()).as("killed at the deadline; its output:%n%s", output).isEmpty();
    assertThat(result.exitCodes()).as(output).containsEntry("lambdalogs", 0);
    assertThat(result.durationMs()).as(output).isLessThan(2_000);
    System.out.println("extension output:\n" + output);
    return result;
  }

  @Test
  void steadyInvocationsArriveOnceInOrderWithTheirRequestIds() throws Exception {
    List<String> requestIds = new ArrayList<>();
    try (Sandbox sandbox = Environment.start(FUNCTION, env())) {
      assertThat(sandbox.initResult().ok())
          .as(String.join("\n", sandbox.extensionOutput()))
          .isTrue();
      for (int i = 0; i < 20; i++) {
        requestIds.add(sandbox.invoke(logs("steady " + i, 5)).requestId());
      }
      assertCleanExit(sandbox);
    }
    Archive archive = archive().assertLayout(FUNCTION).assertFunctionLines(logged);
    for (Map<String, Object> event : archive.eventsOfType("function")) {
      assertThat((String) event.get("record")).endsWith(" of " + event.get("requestId"));
    }
    assertThat(archive.eventsOfType("platform.report"))
        .extracting(e -> e.get("requestId"))
        .isEqualTo(requestIds);
    assertThat(archive.eventsOfType("platform.initStart")).hasSize(1);
    HeadObjectResponse head =
        servers.client().headObject(b -> b.bucket(BUCKET).key(archive.objects().get(0).key()));
    assertThat(head.contentType()).isEqualTo("application/x-ndjson");
    assertThat(head.contentEncoding()).isNull();
  }

  @Test
  void aBurstOf100000LinesInOneInvocation() throws Exception {
    try (Sandbox sandbox = Environment.start(FUNCTION, env())) {
      sandbox.invoke(logs("burst", 100_000));
      assertCleanExit(sandbox);
      assertThat(sandbox.droppedByPlatform()).isZero();
    }
    Archive archive = archive().assertLayout(FUNCTION).assertFunctionLines(logged);
    assertThat(archive.objects()).as("4 MiB batches").hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aSingle300KbLine() throws Exception {
    String huge = "start " + "0123456789abcdef".repeat(300 * 1024 / 16) + " end \"quoted\" ünïcödé";
    try (Sandbox sandbox = Environment.start(FUNCTION, env())) {
      sandbox.invoke(
          invocation -> {
            logged.add(huge);
            invocation.log(huge);
          });
      sandbox.invoke(logs("after", 3));
      assertCleanExit(sandbox);
    }
    archive().assertLayout(FUNCTION).assertFunctionLines(logged);
  }

  @Test
  void jsonLogFormatKeepsTheRecordObject() throws Exception {
    LambdaFunction function =
        new LambdaFunction(FUNCTION, env(), LogFormat.JSON, 128, "us-east-1", Mode.ON_DEMAND);
    try (Sandbox sandbox = Environment.start(function, Limits.defaults())) {
      sandbox.invoke(logs("json", 10));
      assertCleanExit(sandbox);
    }
    Archive archive = archive().assertLayout(FUNCTION).assertFunctionLines(logged);
    for (Map<String, Object> event : archive.eventsOfType("function")) {
      Map<?, ?> record = (Map<?, ?>) event.get("record");
      assertThat(record.get("level")).isEqualTo("INFO");
      assertThat(event.get("requestId")).isEqualTo(record.get("requestId"));
    }
  }

  @Test
  void whatIsBufferedAtShutdownIsWritten() throws Exception {
    try (Sandbox sandbox = Environment.start(FUNCTION, env())) {
      for (int i = 0; i < 5; i++) {
        sandbox.invoke(logs("held " + i, 50));
      }
      assertThat(archive().objects())
          .as("nothing is due before shutdown at a 60 s interval")
          .isEmpty();
      assertCleanExit(sandbox);
    }
    Archive archive = archive().assertLayout(FUNCTION).assertFunctionLines(logged);
    assertThat(archive.eventsOfType("platform.report"))
        .as("the last report is waited for")
        .hasSize(5);
  }

  @Test
  void shutdownWhileS3IsDownSaysWhatIsLost() throws Exception {
    servers.proxy().failAll(Fault.RESET);
    ShutdownResult result;
    List<String> output;
    try (Sandbox sandbox = Environment.start(FUNCTION, env())) {
      sandbox.invoke(logs("doomed", 10));
      result = assertCleanExit(sandbox);
      output = sandbox.extensionOutput();
    }
    assertThat(result.exitErrors())
        .singleElement()
        .asString()
        .contains("Extension.LogsUndelivered")
        .contains("could not be written to s3://" + BUCKET);
    assertThat(String.join("\n", output))
        .contains("events in 1 objects could not be written")
        .as("the retries' warning names where it writes")
        .contains(
            "writing to s3://"
                + BUCKET
                + "/ at "
                + servers.proxy().endpoint().getScheme()
                + "://"
                + servers.proxy().endpoint().getRawAuthority()
                + " failed");
    assertThat(servers.proxy().count("RESET")).isPositive();
    assertThat(archive().objects()).isEmpty();
  }

  @Test
  void slowDownServerErrorsAndResetsAreRetriedUntilWritten() throws Exception {
    // two of each in a row: backoff before the seventh try is 1.6-3.2 s, so the wait below stays
    // well inside Await's bound even on a loaded machine
    servers.proxy().failNext(2, Fault.SLOW_DOWN);
    servers.proxy().failNext(2, Fault.INTERNAL_ERROR);
    servers.proxy().failNext(2, Fault.RESET);
    try (Sandbox sandbox =
        Environment.start(
            FUNCTION, env("LAMBDALOGS_FLUSH_BYTES", "4096", "LAMBDALOGS_FLUSH_INTERVAL_S", "1"))) {
      for (int i = 0; i < 30; i++) {
        sandbox.invoke(logs("flaky " + i, 20));
      }
      Thread.sleep(3_000); // frozen: nothing moves, though the backoff's clock does
      // thawed until the retries are through: what the shutdown must write may not depend on how
      // much a loaded machine got done between the freezes
      sandbox.invoke(
          invocation ->
              Await.until(
                  "every fault served and every line written",
                  () -> servers.proxy().count("RESET") == 2 && archivedLines() == logged.size()));
      sandbox.invoke(logs("after the pause", 5));
      assertCleanExit(sandbox);
    }
    archive().assertLayout(FUNCTION).assertFunctionLines(logged);
    assertThat(servers.proxy().count("SLOW_DOWN")).isEqualTo(2);
    assertThat(servers.proxy().count("INTERNAL_ERROR")).isEqualTo(2);
    assertThat(servers.proxy().count("RESET")).isEqualTo(2);
  }

  @Test
  void aLongFrozenGapThenTheDueBatchIsWrittenDuringTheNextInvocation() throws Exception {
    try (Sandbox sandbox = Environment.start(FUNCTION, env("LAMBDALOGS_FLUSH_INTERVAL_S", "1"))) {
      sandbox.invoke(logs("before the gap", 10));
      Thread.sleep(2_500);
      assertThat(archive().functionLines())
          .as("frozen: nothing written")
          .doesNotContainAnyElementsOf(logged);
      List<String> beforeGap = List.copyOf(logged);
      sandbox.invoke(logs("after the gap", 10));
      assertThat(archive().functionLines())
          .as("written in the invocation after the gap")
          .containsAll(beforeGap);
      assertCleanExit(sandbox);
    }
    archive().assertLayout(FUNCTION).assertFunctionLines(logged);
  }

  @Test
  void malformedDeliveriesAreAnsweredAtOnceCountedAndTheExtensionGoesOn() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    try (Sandbox sandbox = Environment.start(FUNCTION, env())) {
      URI listener = sandbox.telemetryDestinations().get(0);
      sandbox.invoke(
          invocation -> {
            for (String body :
                List.of(
                    "this is not JSON",
                    "[{\"record\":\"no type, no time\"}]",
                    "{\"an\":\"object\"}")) {
              statuses.add(
                  Http.exchange(
                          "POST",
                          listener,
                          Map.of(),
                          body.getBytes(StandardCharsets.UTF_8),
                          1000,
                          1000)
                      .status());
            }
            logs("still working", 5).handle(invocation);
          });
      assertCleanExit(sandbox);
    }
    // answered before they are read (a burst must not wait on parsing), so accepted, then skipped
    assertThat(statuses).containsExactly(200, 200, 200);
    Archive archive = archive().assertLayout(FUNCTION).assertFunctionLines(logged);
    // reported in the next batch opened: one record, or more when deliveries interleave
    assertThat(
            archive.eventsOfType("lambdalogs.dropped").stream()
                .mapToDouble(
                    e ->
                        ((Number) ((Map<?, ?>) e.get("record")).get("malformedDeliveries"))
                            .doubleValue())
                .sum())
        .isEqualTo(3.0);
  }

  @Test
  void aMissingBucketFailsInitWithConfigInvalid() throws Exception {
    Map<String, String> env = env();
    env.remove("LAMBDALOGS_BUCKET");
    try (Sandbox sandbox = Environment.start(FUNCTION, env)) {
      InitResult init = sandbox.initResult();
      assertThat(init.ok()).isFalse();
      assertThat(init.errorType()).isEqualTo("Extension.ConfigInvalid");
      assertThat(init.errorMessage()).contains("LAMBDALOGS_BUCKET is not set");
    }
  }

  @Test
  void badValuesAreReportedOnceByNameAndTheDefaultsUsed() throws Exception {
    List<String> output;
    try (Sandbox sandbox =
        Environment.start(
            FUNCTION,
            env(
                "LAMBDALOGS_FLUSH_INTERVAL_S",
                "soon",
                "LAMBDALOGS_COMPRESSION",
                "zip",
                "LAMBDALOGS_TYPES",
                "platform,metrics",
                "LAMBDALOGS_S3_PATH_STYLE",
                "true"))) {
      sandbox.invoke(logs("defaults", 5));
      assertCleanExit(sandbox);
      output = sandbox.extensionOutput();
    }
    assertThat(output)
        .filteredOn(l -> l.contains("LAMBDALOGS_FLUSH_INTERVAL_S=soon is not valid"))
        .hasSize(1);
    assertThat(output)
        .filteredOn(l -> l.contains("LAMBDALOGS_COMPRESSION=zip is not valid"))
        .hasSize(1);
    assertThat(output)
        .filteredOn(l -> l.contains("LAMBDALOGS_TYPES=platform,metrics is not valid"))
        .hasSize(1);
    Archive archive = archive().assertLayout(FUNCTION).assertFunctionLines(logged);
    assertThat(archive.objects()).allSatisfy(o -> assertThat(o.key()).endsWith(".ndjson.gz"));
  }

  @Test
  void itsOwnDiagnosticsNeverComeBackIntoTheArchive() throws Exception {
    List<String> output;
    try (Sandbox sandbox =
        Environment.start(
            FUNCTION,
            env(
                "LAMBDALOGS_TYPES",
                "platform,function,extension",
                "LAMBDALOGS_LOG_LEVEL",
                "debug",
                "LAMBDALOGS_COMPRESSION",
                "none"))) {
      sandbox.invoke(logs("chatty", 5));
      assertCleanExit(sandbox);
      output = sandbox.extensionOutput();
    }
    assertThat(output)
        .as("it did print diagnostics")
        .anyMatch(l -> l.startsWith("[lambdalogs] debug:"));
    Archive archive = archive().assertLayout(FUNCTION).assertFunctionLines(logged);
    assertThat(archive.objects()).allSatisfy(o -> assertThat(o.key()).endsWith(".ndjson"));
    assertThat(archive.eventsOfType("extension"))
        .noneMatch(e -> String.valueOf(e.get("record")).startsWith("[lambdalogs]"));
  }

  @Test
  void whenS3IsSlowerThanTheLogsTheExtensionWaitsForItInsteadOfDropping() throws Exception {
    // S3 works, but slowly: the burst seals 8 KiB objects far faster than one every 150 ms, and the
    // cap
    // holds 8 of them; the platform keeps what the extension is not ready for. The last lines, too
    // few
    // to fill an object, are written once they have waited a second.
    servers.proxy().latency(Duration.ofMillis(150));
    try (Sandbox sandbox =
        Environment.start(
            FUNCTION,
            env(
                "LAMBDALOGS_MAX_BUFFER_BYTES",
                "65536",
                "LAMBDALOGS_FLUSH_BYTES",
                "16384",
                "LAMBDALOGS_FLUSH_INTERVAL_S",
                "1"))) {
      Handler burst = incompressibleLogs("slow", 4_000);
      sandbox.invoke(
          invocation -> {
            burst.handle(invocation);
            // thawed until every line is in S3
            Await.until("all 4,000 lines written", () -> archivedLines() == logged.size());
          });
      servers.proxy().heal();
      sandbox.invoke(logs("after", 10));
      assertCleanExit(sandbox);
      assertThat(sandbox.extensionOutput())
          .as("nothing was dropped")
          .noneMatch(l -> l.contains("dropped"));
    }
    archive().assertLayout(FUNCTION).assertFunctionLines(logged);
  }

  /** How many function lines S3 holds now; -1 while it cannot be read (the wait then goes on). */
  long archivedLines() {
    try {
      return archive().functionLines().size();
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void overTheMemoryCapWhileS3FailsTheOldestBatchesAreDroppedAndReported() throws Exception {
    try (Sandbox sandbox =
        Environment.start(
            FUNCTION,
            env("LAMBDALOGS_MAX_BUFFER_BYTES", "65536", "LAMBDALOGS_FLUSH_BYTES", "16384"))) {
      servers.proxy().failAll(Fault.SLOW_DOWN);
      // 8 KiB objects: the cap holds 8 of them, few enough to write in a shutdown on a loaded
      // machine
      Handler squeezed = incompressibleLogs("squeezed", 20_000);
      sandbox.invoke(
          invocation -> {
            squeezed.handle(invocation);
            // thawed until every line is in the extension, while S3 still fails: the rest is for
            // the cap
            Environment.awaitOutput(sandbox, "error: dropped ");
            Await.until(
                "all 20,000 lines delivered", () -> sandbox.eventsDelivered() >= logged.size());
          });
      servers.proxy().heal();
      sandbox.invoke(logs("recovered", 10));
      assertThat(assertCleanExit(sandbox).exitErrors())
          .as("nothing left for the shutdown to lose")
          .isEmpty();
    }
    Archive archive = archive().assertLayoutWithGaps(FUNCTION);
    long dropped = droppedEvents(archive);
    List<String> archived = archive.functionLines();
    assertThat(dropped).as("some were dropped").isPositive();
    assertThat(archived.size() + dropped)
        .as("every line is archived or counted as dropped")
        .isEqualTo(logged.size());
    assertThat(logged).as("what is archived keeps its order").containsSubsequence(archived);
    assertThat(archived).doesNotHaveDuplicates().endsWith(logged.get(logged.size() - 1));
  }

  @Test
  void atTheDefaultCapAnOutageDuringABigBurstDropsAndReportsButNeverRunsOutOfMemory()
      throws Exception {
    Handler burst =
        incompressibleLogs("burst", 250_000); // the 4 MiB cap is passed well before the end
    try (Sandbox sandbox = Environment.start(FUNCTION, env())) {
      servers.proxy().failAll(Fault.SLOW_DOWN);
      sandbox.invoke(
          invocation -> {
            burst.handle(invocation);
            // thawed until the whole burst is in the extension, while S3 still fails
            Environment.awaitOutput(sandbox, "error: dropped ");
            Await.until(
                "all 250,000 lines delivered", () -> sandbox.eventsDelivered() >= logged.size());
          });
      servers.proxy().heal();
      sandbox.invoke(logs("after the outage", 10));
      assertThat(assertCleanExit(sandbox).exitErrors())
          .as("nothing left for the shutdown to lose")
          .isEmpty();
      assertThat(sandbox.extensionOutput()).noneMatch(l -> l.contains("OutOfMemoryError"));
    }
    Archive archive = archive().assertLayoutWithGaps(FUNCTION);
    long dropped = droppedEvents(archive);
    assertThat(dropped).isPositive();
    assertThat(archive.functionLines().size() + dropped).isEqualTo(logged.size());
    assertThat(logged).containsSubsequence(archive.functionLines());
  }

  /** What the archive's {@code lambdalogs.dropped} lines say was lost. */
  static long droppedEvents(Archive archive) {
    return archive.eventsOfType("lambdalogs.dropped").stream()
        .mapToLong(e -> ((Number) ((Map<?, ?>) e.get("record")).get("droppedEvents")).longValue())
        .sum();
  }
}
