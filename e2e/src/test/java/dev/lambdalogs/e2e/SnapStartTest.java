package dev.lambdalogs.e2e;

import static dev.lambdalogs.e2e.support.Environment.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.e2e.support.Archive;
import dev.lambdalogs.e2e.support.Cli;
import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.e2e.support.ProxiedS3;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.LogFormat;
import dev.lambdalogs.sandbox.model.Mode;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real layer in a SnapStart copy of the sandbox: its init ran when the snapshot was taken,
 * three hours before the first invocation, and the init's events arrive after the restore with
 * those times.
 */
class SnapStartTest {
  static final String BUCKET = "snap-logs";
  static final String FUNCTION = "restored_fn";
  static final Pattern KEY =
      Pattern.compile(".*/(\\d{8}T\\d{9}Z)-([0-9a-f]{16})-\\d{6}\\.ndjson\\.gz");
  static final Pattern STARTED_AS =
      Pattern.compile("as environment ([0-9a-f]{16}) \\(SNAP_START\\)");

  @RegisterExtension static final ProxiedS3 servers = new ProxiedS3(BUCKET);

  @Test
  void aRestoredCopyWritesUnderItsOwnIdAndKeysNearWhenItWritesFoundByTail() throws Exception {
    Instant beforeRestore = Instant.now();
    List<String> logged = new ArrayList<>();
    String idAtInit;
    try (Sandbox sandbox =
        Sandbox.start(
            Environment.layer(false),
            new LambdaFunction(
                FUNCTION,
                with(
                    Environment.s3(servers.moto().endpoint(), BUCKET),
                    "LAMBDALOGS_LOG_LEVEL",
                    "debug"),
                LogFormat.TEXT,
                128,
                "us-east-1",
                Mode.SNAP_START),
            Limits.defaults())) {
      assertThat(sandbox.initResult().ok())
          .as(String.join("\n", sandbox.extensionOutput()))
          .isTrue();
      for (int i = 0; i < 3; i++) {
        logged.addAll(Environment.invokeLogging(sandbox, 1, "restored " + i));
      }
      ShutdownResult result = sandbox.shutdown();
      assertThat(result.exitErrors()).isEmpty();
      Matcher started =
          sandbox.extensionOutput().stream()
              .map(STARTED_AS::matcher)
              .filter(Matcher::find)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no start line: " + sandbox.extensionOutput()));
      idAtInit = started.group(1);
    }
    Archive archive =
        Archive.read(servers.client(), BUCKET, "lambda-logs/").assertFunctionLines(logged);
    Instant initStart =
        Instant.parse((String) archive.eventsOfType("platform.initStart").get(0).get("time"));
    assertThat(initStart)
        .as("the init's events keep the snapshot's time")
        .isBefore(beforeRestore.minus(Sandbox.SNAPSHOT_AGE).plusSeconds(60));
    assertThat(archive.eventsOfType("platform.restoreStart")).hasSize(1);
    for (Archive.Object object : archive.objects()) {
      Matcher key = KEY.matcher(object.key());
      assertThat(key.matches()).as(object.key()).isTrue();
      assertThat(key.group(2))
          .as("not the id the snapshot holds, which every copy shares")
          .isNotEqualTo(idAtInit);
      Instant keyed =
          Instant.parse(
              key.group(1)
                  .replaceFirst(
                      "(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})(\\d{3})Z",
                      "$1-$2-$3T$4:$5:$6.$7Z"));
      assertThat(keyed)
          .as("keyed near when it was written: %s", object.key())
          .isAfterOrEqualTo(beforeRestore.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
    Cli cli = new Cli(servers.moto().endpoint().toString());
    Cli.Run recent = cli.run("tail", "--bucket", BUCKET, "--since", "10m", "--format", "raw");
    assertThat(recent.exit()).as(recent.toString()).isZero();
    assertThat(recent.out().lines().filter(l -> l.startsWith("restored ")))
        .as("found by tail --since 10m")
        .hasSize(logged.size());
    Cli.Run sinceTheSnapshot =
        cli.run(
            "tail", "--bucket", BUCKET, "--since", "4h", "--types", "platform", "--format", "json");
    assertThat(sinceTheSnapshot.out())
        .as("the init's events, by a --since that covers their time")
        .contains("platform.initStart");
    Map<String, Object> restore = archive.eventsOfType("platform.restoreReport").get(0);
    assertThat(restore).containsKey("record");
  }
}
