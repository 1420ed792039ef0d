package dev.lambdalogs.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import dev.lambdalogs.sandbox.testing.Await;
import dev.lambdalogs.sandbox.testing.ProbeExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lambda sandbox emulator itself, seen by a probe extension running as its own process. */
class SandboxTest {
  @TempDir Path dir;

  Sandbox start(String mode, Limits options, String... more) throws Exception {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of("PROBE_MODE", mode, "PROBE_OUT", dir.resolve("deliveries").toString()));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    Sandbox sandbox =
        Sandbox.start(
            ProbeExtension.layer(dir.resolve("layer")),
            new LambdaFunction("probe_fn", env),
            options);
    assertThat(sandbox.initResult().ok()).as(String.join("\n", sandbox.extensionOutput())).isTrue();
    return sandbox;
  }

  List<Map<String, Object>> events() throws Exception {
    return ProbeExtension.deliveries(dir.resolve("deliveries")).stream()
        .flatMap(List::stream)
        .toList();
  }

  Sandbox startManaged(String... env) throws Exception {
    Map<String, String> all =
        new java.util.HashMap<>(
            Map.of("PROBE_MODE", "normal", "PROBE_OUT", dir.resolve("deliveries").toString()));
    for (int i = 0; i < env.length; i += 2) {
      all.put(env[i], env[i + 1]);
    }
    return Sandbox.start(
        ProbeExtension.layer(dir.resolve("layer")),
        LambdaFunction.managedInstances("probe_fn", all),
        Limits.defaults());
  }

  @Test
  void managedInstancesRefuseInvokeRegistrationsAndOlderSchemas() throws Exception {
    try (Sandbox sandbox = startManaged()) {
      assertThat(sandbox.initResult().ok())
          .as("an extension that asks for INVOKE exits: the environment fails")
          .isFalse();
      assertThat(sandbox.extensionOutput())
          .anyMatch(l -> l.startsWith("register: 403") && l.contains("InvalidEventType"));
    }
    try (Sandbox sandbox = startManaged("PROBE_EVENTS", "[\"SHUTDOWN\"]")) {
      Await.until(
          "the subscription refused",
          () ->
              sandbox.extensionOutput().stream()
                  .anyMatch(l -> l.startsWith("subscribe: 400") && l.contains("2025-01-29")));
    }
  }

  @Test
  void managedInstancesRunInvocationsAtOnceNeverFrozenWithoutRuntimeDone() throws Exception {
    try (Sandbox sandbox =
        startManaged("PROBE_EVENTS", "[\"SHUTDOWN\"]", "PROBE_SCHEMA", "2025-01-29")) {
      assertThat(sandbox.initResult().ok())
          .as(String.join("\n", sandbox.extensionOutput()))
          .isTrue();
      java.util.concurrent.CountDownLatch bothRunning = new java.util.concurrent.CountDownLatch(2);
      Thread other =
          new Thread(
              () ->
                  sandbox.invoke(
                      inv -> {
                        bothRunning.countDown();
                        bothRunning
                            .await(); // returns only if the other invocation runs at the same time
                        inv.log("second");
                      }));
      other.start();
      sandbox.invoke(
          inv -> {
            bothRunning.countDown();
            bothRunning.await();
            inv.log("first");
          });
      other.join();
      // never frozen: what was logged is delivered between invocations too
      Await.until(
          "both lines delivered with no invocation running",
          () -> {
            try {
              return events().stream().filter(e -> "function".equals(e.get("type"))).count() == 2;
            } catch (Exception e) {
              return false; // a delivery half appended: read again
            }
          });
      sandbox.shutdown();
    }
    List<Map<String, Object>> events = events();
    assertThat(events).noneMatch(e -> "platform.runtimeDone".equals(e.get("type")));
    assertThat(events)
        .filteredOn(e -> "platform.report".equals(e.get("type")))
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(
                        String.valueOf(
                            ((Map<?, ?>) ((Map<?, ?>) e.get("record")).get("metrics")).keySet()))
                    .isEqualTo("[durationMs]"));
    assertThat(events)
        .filteredOn(e -> "function".equals(e.get("type")))
        .allSatisfy(e -> assertThat(((Map<?, ?>) e.get("record")).get("requestId")).isNotNull());
    assertThat(events)
        .filteredOn(e -> "platform.initStart".equals(e.get("type")))
        .singleElement()
        .satisfies(
            e ->
                assertThat(((Map<?, ?>) e.get("record")).get("initializationType"))
                    .isEqualTo("lambda-managed-instances"));
  }

  @Test
  void theLifecycleInEventsInitThenInvocations() throws Exception {
    List<String> requestIds = new java.util.ArrayList<>();
    try (Sandbox sandbox = start("normal", Limits.defaults())) {
      for (int i = 0; i < 3; i++) {
        requestIds.add(sandbox.invoke(inv -> inv.log("line of " + inv.requestId())).requestId());
      }
      assertThat(sandbox.shutdown().killed()).isEmpty();
    }
    List<String> types = events().stream().map(e -> (String) e.get("type")).toList();
    assertThat(types.subList(0, 5))
        .containsExactly(
            "platform.initStart",
            "platform.extension",
            "platform.telemetrySubscription",
            "platform.initRuntimeDone",
            "platform.initReport");
    assertThat(types.subList(5, types.size()))
        .containsExactlyElementsOf(
            java.util.Collections.nCopies(
                    3,
                    List.of(
                        "platform.start", "function", "platform.runtimeDone", "platform.report"))
                .stream()
                .flatMap(List::stream)
                .toList());
    List<Object> reported =
        events().stream()
            .filter(e -> "platform.report".equals(e.get("type")))
            .map(e -> (Object) ((Map<?, ?>) e.get("record")).get("requestId"))
            .toList();
    assertThat(reported).isEqualTo(List.copyOf(requestIds));
  }

  @Test
  void deliveriesKeepToTheSubscribersBufferingLimits() throws Exception {
    try (Sandbox sandbox =
        start(
            "normal",
            Limits.defaults(),
            "PROBE_BUFFERING",
            "{\"maxItems\":1000,\"maxBytes\":262144,\"timeoutMs\":1000}")) {
      sandbox.invoke(
          inv -> {
            for (int i = 0; i < 2_500; i++) {
              inv.log("line " + i);
            }
          });
      sandbox.shutdown();
    }
    List<List<Map<String, Object>>> deliveries =
        ProbeExtension.deliveries(dir.resolve("deliveries"));
    assertThat(deliveries).allSatisfy(d -> assertThat(d).hasSizeLessThanOrEqualTo(1000));
    assertThat(deliveries.stream().filter(d -> d.size() == 1000))
        .as("full batches go at once")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(events()).filteredOn(e -> "function".equals(e.get("type"))).hasSize(2_500);
  }

  @Test
  void subscriptionLimitsAreValidated() throws Exception {
    for (String bad :
        List.of(
            "{\"maxItems\":999}",
            "{\"maxItems\":10001}",
            "{\"maxBytes\":262143}",
            "{\"maxBytes\":1048577}",
            "{\"timeoutMs\":24}",
            "{\"timeoutMs\":30001}",
            "{\"maxItems\":1000.5}")) {
      Map<String, String> env =
          Map.of(
              "PROBE_MODE",
              "normal",
              "PROBE_OUT",
              dir.resolve("d").toString(),
              "PROBE_BUFFERING",
              bad);
      try (Sandbox sandbox =
          Sandbox.start(
              ProbeExtension.layer(dir.resolve("layer")),
              new LambdaFunction("probe_fn", env),
              Limits.defaults())) {
        Await.until(
            bad + " refused with a 400 naming the buffering field",
            () ->
                sandbox.extensionOutput().stream()
                    .anyMatch(l -> l.startsWith("subscribe: 400") && l.contains("buffering.")));
      }
    }
  }

  @Test
  void anExtensionThatIgnoresShutdownIsKilledAtTheDeadline() throws Exception {
    ShutdownResult result;
    try (Sandbox sandbox = start("ignore-shutdown", new Limits(64L << 20, 2_000, 10_000, 30_000))) {
      sandbox.invoke(inv -> inv.log("hello"));
      result = sandbox.shutdown();
    }
    assertThat(result.killed()).containsExactly("probe");
    assertThat(result.durationMs()).isBetween(2_000L, 3_000L);
  }

  @Test
  void aSubscriberThatDoesNotKeepUpLosesEventsAndIsToldSo() throws Exception {
    try (Sandbox sandbox = start("slow", new Limits(20_000, 2_000, 10_000, 30_000))) {
      sandbox.invoke(
          inv -> {
            for (int i = 0; i < 3_000; i++) {
              inv.log("line " + i);
            }
          });
      Thread.sleep(200);
      sandbox.invoke(inv -> inv.log("after"));
      long dropped = sandbox.droppedByPlatform();
      sandbox.shutdown();
      assertThat(dropped).isPositive();
      List<Map<String, Object>> reports =
          events().stream().filter(e -> "platform.logsDropped".equals(e.get("type"))).toList();
      assertThat(reports).isNotEmpty();
      long reported =
          reports.stream()
              .mapToLong(
                  e -> ((Number) ((Map<?, ?>) e.get("record")).get("droppedRecords")).longValue())
              .sum();
      long functionLines = events().stream().filter(e -> "function".equals(e.get("type"))).count();
      assertThat(reported + functionLines)
          .as("every line delivered or reported dropped")
          .isGreaterThanOrEqualTo(3_001);
    }
  }

  @Test
  void nothingIsDeliveredWhileTheEnvironmentIsFrozen() throws Exception {
    try (Sandbox sandbox =
        start(
            "normal",
            Limits.defaults(),
            "PROBE_BUFFERING",
            "{\"maxItems\":1000,\"maxBytes\":262144,\"timeoutMs\":500}")) {
      sandbox.invoke(inv -> inv.log("waits in the platform's buffer"));
      long before = sandbox.deliveries();
      Thread.sleep(1_500); // frozen: the buffering timeout passes, and still nothing may be sent
      assertThat(sandbox.deliveries()).as("deliveries while frozen").isEqualTo(before);
      sandbox.shutdown();
      assertThat(sandbox.deliveries()).as("delivered once thawed").isGreaterThan(before);
    }
    assertThat(events()).anyMatch(e -> "waits in the platform's buffer".equals(e.get("record")));
  }
}
