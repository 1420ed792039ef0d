package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.e2e.support.Account;
import dev.lambdalogs.e2e.support.Cli;
import dev.lambdalogs.e2e.support.CliJar;
import dev.lambdalogs.e2e.support.FaultProxy;
import dev.lambdalogs.e2e.support.MotoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Two pipelines at once on functions that share a role, through a link slow enough for their reads
 * and writes to interleave (a shared policy, read and written back, lost half the grants here in
 * most trials). Repeated, from a fresh account each time, bucket and layer included.
 */
class ConcurrentInstallTest {
  static final Duration LATENCY = Duration.ofMillis(150);
  static MotoServer moto;
  static FaultProxy slowLink;
  static Account account;
  static Cli direct;
  static Cli slow;

  final List<String> first = names(0, 5);
  final List<String> second = names(5, 10);

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    slowLink = new FaultProxy(moto.endpoint());
    slowLink.latency(LATENCY);
    account = new Account(moto.endpoint());
    direct = new Cli(moto.endpoint().toString());
    slow = new Cli(slowLink.endpoint().toString());
  }

  @AfterAll
  static void stop() throws Exception {
    account.close();
    slowLink.close();
    moto.close();
  }

  @BeforeEach
  void functions() throws Exception {
    moto.reset();
    String role = account.role("shared-role");
    for (String name : names(0, 10)) {
      account.function(name, "java21", "x86_64", role, Map.of(), List.of(), Map.of());
    }
  }

  @RepeatedTest(4)
  void twoInstallsAtOnceKeepEveryGrant() {
    List<Cli.Run> runs = atOnce(install(first), install(second));
    runs.forEach(run -> assertThat(run.exit()).as(run.toString()).isZero());
    assertGranted(names(0, 10));
    Cli.Run check = direct.run(install(names(0, 10)).toArray(String[]::new));
    assertThat(check.out()).as(check.toString()).contains("10 functions: 10 up to date");
  }

  @RepeatedTest(3)
  void anInstallAndAnUninstallAtOnceLeaveEachFunctionAsAsked() {
    assertThat(direct.run(install(second).toArray(String[]::new)).exit()).isZero();
    List<String> uninstall = new ArrayList<>(List.of("uninstall"));
    second.forEach(f -> uninstall.addAll(List.of("-f", f)));
    List<Cli.Run> runs = atOnce(install(first), uninstall);
    runs.forEach(run -> assertThat(run.exit()).as(run.toString()).isZero());
    assertGranted(first);
    for (String f : second) {
      assertThat(account.layersOf(f)).as(f).isEmpty();
    }
  }

  @Test
  void anInterruptedInstallSaysWhatItChangedAndTheNextRunFinishes() throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "env",
                "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                CliJar.path().toString()));
    command.addAll(install(names(0, 10)));
    command.addAll(
        List.of(
            "--parallel",
            "1",
            "--endpoint-url",
            slowLink.endpoint().toString(),
            "--region",
            "us-east-1"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .putAll(
            Map.of(
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "AWS_EC2_METADATA_DISABLED",
                "true"));
    Process install = builder.start();
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(install.getErrorStream()));
      StringBuilder said = new StringBuilder();
      String line;
      while ((line = err.readLine()) != null && !line.startsWith("installed")) {
        said.append(line).append('\n'); // progress, until the first function is done
      }
      assertThat(line).as("a function was installed before the interruption: " + said).isNotNull();
      new ProcessBuilder("kill", "-INT", Long.toString(install.pid())).start().waitFor();
      assertThat(install.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String last = new String(install.getErrorStream().readAllBytes());
      assertThat(said)
          .contains("lambdalogs: finding the functions in us-east-1...")
          .contains("planning 10 functions")
          .contains("writing 10 grants");
      assertThat(install.exitValue()).as(last).isEqualTo(130);
      assertThat(last)
          .contains(
              "lambdalogs: interrupted. Already changed: created s3://lambdalogs-123456789012-us-east-1")
          .contains("granted fn_9")
          .contains("updated fn_0's layers and variables")
          .contains("Run the same command again");
    } finally {
      install.destroyForcibly();
    }
    Cli.Run again = direct.run(install(names(0, 10)).toArray(String[]::new));
    assertThat(again.exit()).as(again.toString()).isZero();
    assertGranted(names(0, 10));
  }

  private void assertGranted(List<String> functions) {
    assertThat(account.policies("shared-role").keySet())
        .containsExactlyInAnyOrderElementsOf(
            functions.stream().map(f -> "lambdalogs-us-east-1-" + f).toList());
    assertThat(account.statements("shared-role"))
        .extracting(s -> s.get("Resource"))
        .containsExactlyInAnyOrderElementsOf(
            functions.stream()
                .map(f -> "arn:aws:s3:::lambdalogs-123456789012-us-east-1/lambda-logs/" + f + "/*")
                .toList());
    List<String> check = new ArrayList<>(List.of("status", "--check"));
    functions.forEach(f -> check.addAll(List.of("-f", f)));
    Cli.Run status = direct.run(check.toArray(String[]::new));
    assertThat(status.exit()).as(status.toString()).isZero();
  }

  @SafeVarargs
  private static List<Cli.Run> atOnce(List<String>... commands) {
    List<CompletableFuture<Cli.Run>> running = new ArrayList<>();
    for (List<String> command : commands) {
      running.add(CompletableFuture.supplyAsync(() -> slow.run(command.toArray(String[]::new))));
    }
    return running.stream().map(CompletableFuture::join).toList();
  }

  private static List<String> install(List<String> functions) {
    List<String> args = new ArrayList<>(List.of("install"));
    functions.forEach(f -> args.addAll(List.of("-f", f)));
    return args;
  }

  private static List<String> names(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "fn_" + i).toList();
  }
}
