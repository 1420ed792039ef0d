package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.cli.util.Parallel;
import dev.lambdalogs.contract.archive.ArchiveLayout;
import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.contract.time.Times;
import dev.lambdalogs.e2e.support.Cli;
import dev.lambdalogs.e2e.support.CliJar;
import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.e2e.support.FaultProxy;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.S3;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.testing.Await;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * tail and download against moto's S3, holding objects the real extension wrote and objects made
 * for edge cases.
 */
class TailTest {
  static final String BUCKET = "team-logs";
  static MotoServer moto;
  static S3Client s3;
  static Cli cli;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    s3 = S3.client(moto.endpoint());
    cli = new Cli(moto.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    s3.close();
    moto.close();
  }

  @BeforeEach
  void bucket() throws Exception {
    moto.reset();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  Cli.Run tail(String... args) {
    List<String> all = new ArrayList<>(List.of("tail", "--bucket", BUCKET));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  /** An object in the layout, its events at these times (ms from now, negative is the past). */
  String object(String function, String env, int seq, long... offsets) throws Exception {
    long now = System.currentTimeMillis();
    StringBuilder lines = new StringBuilder();
    for (long offset : offsets) {
      lines
          .append(event(now + offset, "function", function + " " + env + " at " + offset))
          .append('\n');
    }
    return put(function, env, seq, now + offsets[0], gzip(lines.toString()));
  }

  String put(String function, String env, int seq, long firstMillis, byte[] body) {
    return put("lambda-logs/", function, env, seq, firstMillis, body);
  }

  String put(String prefix, String function, String env, int seq, long firstMillis, byte[] body) {
    String key = key(prefix, function, env, seq, firstMillis);
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
    return key;
  }

  /** The key the extension gives an object whose first event is at {@code firstMillis}. */
  static String key(String prefix, String function, String env, int seq, long firstMillis) {
    return ArchiveLayout.key(prefix, function, Times.stamp(Times.iso(firstMillis)), env, seq, true);
  }

  static String event(long millis, String type, String record) {
    return "{\"time\":\""
        + Times.iso(millis)
        + "\",\"type\":\""
        + type
        + "\",\"record\":"
        + Json.quote(record)
        + "}";
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static List<Long> times(String jsonLines) {
    return jsonLines
        .lines()
        .map(l -> Times.epochMillis((String) ((Map<?, ?>) Json.parse(l)).get("time")))
        .toList();
  }

  @Test
  void whatTheExtensionWroteComesBackMergedInTimeOrderAcrossFunctions() throws Exception {
    List<String> logged = new ArrayList<>();
    for (String function : List.of("greeter_fn", "orders_fn")) {
      try (Sandbox sandbox = Environment.start(function, Environment.s3(moto.endpoint(), BUCKET))) {
        logged.addAll(Environment.invokeLogging(sandbox, 3, function + " says hello to"));
        sandbox.shutdown();
      }
    }
    Cli.Run json = tail("--since", "1h", "--format", "json");
    assertThat(json.exit()).as(json.toString()).isZero();
    assertThat(times(json.out())).isSorted().hasSizeGreaterThan(logged.size());
    Cli.Run raw = tail("--since", "1h", "--format", "raw");
    assertThat(raw.out().lines().toList()).containsExactlyInAnyOrderElementsOf(logged);
    Cli.Run one = tail("-f", "orders_fn", "--since", "1h", "--types", "platform.report");
    assertThat(one.out().lines())
        .hasSize(3)
        .allMatch(l -> l.contains(" orders_fn ") && l.contains("REPORT success duration"));
  }

  @Test
  void ordersAcrossEnvironmentsHoursAndDaysAndKeepsToTheRange() throws Exception {
    long hour = 3_600_000;
    object(
        "a_fn",
        "aaaaaaaaaaaaaaaa",
        1,
        -26 * hour,
        -26 * hour + 10); // yesterday: outside --since 2h
    object("a_fn", "aaaaaaaaaaaaaaaa", 2, -90 * 60_000, -30 * 60_000, -5_000);
    object("a_fn", "bbbbbbbbbbbbbbbb", 1, -61 * 60_000, -59 * 60_000, -4_000);
    object("b_fn", "cccccccccccccccc", 1, -70 * 60_000, -3_000);
    Cli.Run run = tail("--since", "2h", "--format", "json");
    assertThat(run.exit()).as(run.toString()).isZero();
    List<Long> times = times(run.out());
    assertThat(times).hasSize(8).isSorted();
    Cli.Run narrow = tail("--since", "65m", "--until", "45m", "--format", "raw");
    assertThat(narrow.out().lines())
        .containsExactly("a_fn bbbbbbbbbbbbbbbb at -3660000", "a_fn bbbbbbbbbbbbbbbb at -3540000");
  }

  @Test
  void filtersAndFormats() throws Exception {
    long now = System.currentTimeMillis();
    String lines =
        String.join(
                "\n",
                "{\"time\":\""
                    + Times.iso(now - 3000)
                    + "\",\"type\":\"platform.start\",\"record\":{\"requestId\":\"req-1\",\"version\":\"$LATEST\"},\"requestId\":\"req-1\"}",
                "{\"time\":\""
                    + Times.iso(now - 2900)
                    + "\",\"type\":\"function\",\"record\":{\"timestamp\":\"x\",\"level\":\"ERROR\",\"requestId\":\"req-1\",\"message\":\"card declined\"},\"requestId\":\"req-1\"}",
                "{\"time\":\""
                    + Times.iso(now - 2800)
                    + "\",\"type\":\"function\",\"record\":{\"timestamp\":\"x\",\"level\":\"INFO\",\"requestId\":\"req-1\",\"message\":\"retrying\"},\"requestId\":\"req-1\"}",
                "{\"time\":\""
                    + Times.iso(now - 2000)
                    + "\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"req-1\",\"status\":\"success\",\"metrics\":{\"durationMs\":12.5,\"billedDurationMs\":13,\"memorySizeMB\":128,\"maxMemoryUsedMB\":70}},\"requestId\":\"req-1\"}",
                "{\"time\":\""
                    + Times.iso(now - 1000)
                    + "\",\"type\":\"function\",\"record\":\"other request\",\"requestId\":\"req-2\"}")
            + "\n";
    put("pay_fn", "dddddddddddddddd", 1, now - 3000, gzip(lines));
    assertThat(tail("--since", "5m", "--level", "error", "--format", "raw").out())
        .isEqualTo("card declined\n");
    assertThat(tail("--since", "5m", "--grep", "retry|other", "--format", "raw").out().lines())
        .containsExactly("retrying", "other request");
    assertThat(tail("--since", "5m", "--request-id", "req-2", "--format", "raw").out())
        .isEqualTo("other request\n");
    assertThat(tail("--since", "5m", "--types", "function", "--format", "json").out().lines())
        .hasSize(3);
    String shortFormat = tail("--since", "5m").out();
    assertThat(shortFormat)
        .contains("pay_fn req-1 START version $LATEST")
        .contains("ERROR card declined")
        .contains("REPORT success duration 12.5 ms, billed 13 ms, memory 70/128 MB")
        .doesNotContain("\u001b[");
    assertThat(tail("--since", "5m", "-o", "json").out().lines())
        .hasSize(5)
        .allMatch(l -> l.startsWith("{"));
  }

  @Test
  void aCorruptObjectAndABadLineAreReportedOnceSkippedAndCounted() throws Exception {
    object("ok_fn", "eeeeeeeeeeeeeeee", 1, -5_000, -4_000);
    put(
        "ok_fn",
        "ffffffffffffffff",
        1,
        System.currentTimeMillis() - 4_500,
        "this is not gzip".getBytes(StandardCharsets.UTF_8));
    long now = System.currentTimeMillis();
    put(
        "ok_fn",
        "9999999999999999",
        1,
        now - 3_000,
        gzip(
            event(now - 3_000, "function", "before")
                + "\nnot json at all\n{broken\n"
                + event(now - 2_000, "function", "after")
                + "\n"));
    Cli.Run run = tail("--since", "5m", "--format", "raw");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out().lines()).hasSize(4).contains("before", "after");
    assertThat(run.err())
        .contains("ffffffffffffffff-000001.ndjson.gz: not valid gzip")
        .contains("skipped 1 bad objects and 2 bad lines");
    assertThat(
            run.err()
                .lines()
                .filter(l -> l.contains("9999999999999999") && l.contains("not a JSON event")))
        .hasSize(1);
  }

  @Test
  void anObjectWrittenBeforeTheRangeBeganIsNotReadButOneWrittenLateIs() throws Exception {
    long now = System.currentTimeMillis();
    long begun = now - 15 * 60_000; // before --since 10m, inside its look-back
    Path early = dir.resolve(key("lambda-logs/", "fn", "1111111111111111", 1, begun));
    Files.createDirectories(early.getParent());
    Files.write(early, gzip(event(begun, "function", "early") + "\n"));
    Files.setLastModifiedTime(
        early, FileTime.fromMillis(begun + 60_000)); // written a minute later, as usual
    // begun as long ago, but its environment was frozen until a minute ago: written now, an event
    // in the range
    Path late = dir.resolve(key("lambda-logs/", "fn", "2222222222222222", 1, begun));
    Files.write(
        late,
        gzip(
            event(begun, "function", "before the freeze")
                + "\n"
                + event(now - 60_000, "function", "thawed")
                + "\n"));
    Cli.Run run =
        cli.run("tail", "--dir", dir.toString(), "--since", "10m", "--format", "raw", "--verbose");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out().lines()).containsExactly("thawed");
    assertThat(run.err()).contains("read 1 objects, 2 events");
  }

  @Test
  void badTimesExit2WithAGoodExampleAndAnEmptyRangeSaysSo() {
    Cli.Run bad = tail("--since", "yesterday-ish");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("'yesterday-ish' is not a time").contains("2026-11-24T10:00Z");
    Cli.Run empty = tail("--since", "10m");
    assertThat(empty.exit()).isZero();
    assertThat(empty.err()).contains("no logs in s3://" + BUCKET + "/lambda-logs/");
    Cli.Run emptyDir = cli.run("tail", "--dir", dir.toString(), "--since", "10m");
    assertThat(emptyDir.exit()).isZero();
    assertThat(emptyDir.err())
        .as("the folder and the prefix, as one path")
        .contains("no logs in " + dir + "/lambda-logs/");
  }

  @Test
  void followPrintsNewAndLateObjectsOnceEach() throws Exception {
    object("live_fn", "1111111111111111", 1, -60_000);
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine command = dev.lambdalogs.cli.Main.commandLine();
    command.setOut(new java.io.PrintWriter(out, true));
    command.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
    Thread follower =
        new Thread(
            () ->
                command.execute(
                    "tail",
                    "--bucket",
                    BUCKET,
                    "--since",
                    "5m",
                    "--follow",
                    "--interval",
                    "1s",
                    "--format",
                    "raw",
                    "--endpoint-url",
                    moto.endpoint().toString(),
                    "--region",
                    "us-east-1"));
    follower.start();
    try {
      Await.until("the first read", () -> out.toString().lines().count() == 1);
      object("live_fn", "1111111111111111", 2, -1_000); // new
      object(
          "live_fn", "2222222222222222", 1, -4 * 60_000); // late: an environment that flushed late
      Await.until("the poll after both", () -> out.toString().lines().count() >= 3);
      object("live_fn", "1111111111111111", 3, -500);
      // every poll up to the one that prints this object has printed nothing twice
      Await.until("the poll after that", () -> out.toString().contains("at -500"));
    } finally {
      follower.interrupt();
      follower.join(5_000);
    }
    List<String> printed = out.toString().lines().toList();
    // the first read, then one poll with both new objects, in time order within it; each event once
    assertThat(printed)
        .containsExactly(
            "live_fn 1111111111111111 at -60000",
            "live_fn 2222222222222222 at -240000",
            "live_fn 1111111111111111 at -1000",
            "live_fn 1111111111111111 at -500");
  }

  @Test
  void ctrlCEndsAFollowWithExitCode0() throws Exception {
    Path jar = CliJar.path();
    // SIGINT as a terminal delivers it, even when this test runs where it is ignored (a background
    // build):
    // a process inherits an ignored SIGINT, and env(1) restores its default
    Process tail =
        new ProcessBuilder(
                "env",
                "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "tail",
                "--dir",
                dir.toString(),
                "--follow",
                "--interval",
                "1s")
            .start();
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(tail.getErrorStream()));
      String line;
      while ((line = err.readLine()) != null && !line.contains("(Ctrl-C stops)")) {
        // waits for the signal handler to be in place: the line is said after it is
      }
      assertThat(line).as("tail --follow said it follows").isNotNull();
      new ProcessBuilder("kill", "-INT", Long.toString(tail.pid())).start().waitFor();
      assertThat(tail.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(tail.exitValue()).isZero();
    } finally {
      tail.destroyForcibly();
    }
  }

  @Test
  void readsGoThroughTheProxyTheEnvironmentNames() throws Exception {
    object("proxied_fn", "aaaaaaaaaaaaaaaa", 1, -30_000, -20_000);
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) { // forwards what it is sent to moto
      // a name that resolves nowhere (and without dots, so moto takes the bucket from the path):
      // only a
      // proxy, which is sent the whole URL, can reach it
      String endpoint = "http://lambdalogs-archive:" + moto.port();
      Path jar = CliJar.path();
      ProcessBuilder builder =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-jar",
              jar.toString(),
              "tail",
              "--bucket",
              BUCKET,
              "--since",
              "10m",
              "--format",
              "raw",
              "--endpoint-url",
              endpoint,
              "--region",
              "us-east-1");
      builder
          .environment()
          .putAll(
              Map.of(
                  "HTTP_PROXY",
                  proxy.endpoint().toString(),
                  "NO_PROXY",
                  "localhost",
                  "AWS_ACCESS_KEY_ID",
                  "testing",
                  "AWS_SECRET_ACCESS_KEY",
                  "testing"));
      Process tail = builder.redirectErrorStream(true).start();
      String out = new String(tail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(tail.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(tail.exitValue()).as(out).isZero();
      assertThat(out.lines())
          .containsExactly(
              "proxied_fn aaaaaaaaaaaaaaaa at -30000", "proxied_fn aaaaaaaaaaaaaaaa at -20000");
      assertThat(proxy.requests())
          .anyMatch(r -> r.startsWith("GET " + endpoint + "/" + BUCKET + "?"))
          .anyMatch(
              r -> r.startsWith("GET " + endpoint + "/" + BUCKET + "/lambda-logs/proxied_fn/"));
    }
  }

  @Test
  void downloadMirrorsResumesDecompressesAndMerges() throws Exception {
    List<String> keys =
        List.of(
            object("dl_fn", "aaaaaaaaaaaaaaaa", 1, -50_000, -10_000),
            object("dl_fn", "bbbbbbbbbbbbbbbb", 1, -40_000, -20_000),
            object("dl_fn", "aaaaaaaaaaaaaaaa", 2, -5_000));
    Path to = dir.resolve("mirror");
    Cli.Run first =
        cli.run(
            "download",
            "--bucket",
            BUCKET,
            "-f",
            "dl_fn",
            "--since",
            "1h",
            "--to",
            to.toString(),
            "--merge",
            dir.resolve("merged.ndjson").toString());
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).contains("3 objects (3 downloaded, 0 skipped, 0 failed)");
    for (String key : keys) {
      assertThat(to.resolve(key)).isRegularFile();
    }
    assertThat(times(Files.readString(dir.resolve("merged.ndjson")))).hasSize(5).isSorted();
    Cli.Run again =
        cli.run(
            "download", "--bucket", BUCKET, "-f", "dl_fn", "--since", "1h", "--to", to.toString());
    assertThat(again.out()).contains("3 objects (0 downloaded, 3 skipped, 0 failed)");
    Cli.Run plain =
        cli.run(
            "download",
            "--bucket",
            BUCKET,
            "--since",
            "1h",
            "--to",
            dir.resolve("plain").toString(),
            "--decompress");
    assertThat(plain.exit()).isZero();
    assertThat(Files.readString(dir.resolve("plain").resolve(keys.get(0).replace(".gz", ""))))
        .contains("dl_fn aaaaaaaaaaaaaaaa at -50000");
    Cli.Run local = cli.run("tail", "--dir", to.toString(), "--since", "1h", "--format", "raw");
    assertThat(local.out().lines()).hasSize(5);
  }

  @Test
  void throttlingServerErrorsAndResetsOnReadsAreRetriedAndNothingIsMissing() throws Exception {
    for (int i = 0; i < 6; i++) {
      object("fn_" + (i % 2), "e" + i, 1, -60_000 + i * 1_000, -59_000 + i * 1_000);
    }
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      String reads = "GET /" + BUCKET + "/lambda-logs/";
      proxy.failNext(2, FaultProxy.Fault.SLOW_DOWN, reads);
      proxy.failNext(1, FaultProxy.Fault.INTERNAL_ERROR, reads);
      proxy.failNext(2, FaultProxy.Fault.RESET, reads);
      Cli.Run run =
          new Cli(proxy.endpoint().toString())
              .run("tail", "--bucket", BUCKET, "--since", "10m", "--format", "json");
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(times(run.out())).hasSize(12).isSorted();
      assertThat(proxy.count("SLOW_DOWN") + proxy.count("INTERNAL_ERROR") + proxy.count("RESET"))
          .isEqualTo(5);
    }
  }

  @Test
  void aDeniedReadNamesTheActionAndTheObjectAndExits1() throws Exception {
    String key = object("fn_0", "e0", 1, -60_000);
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy.failNext(1, FaultProxy.Fault.S3_ACCESS_DENIED, "GET /" + BUCKET + "/lambda-logs/");
      Cli.Run run =
          new Cli(proxy.endpoint().toString()).run("tail", "--bucket", BUCKET, "--since", "10m");
      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(run.err())
          .contains(
              "s3:GetObject on s3://"
                  + BUCKET
                  + "/"
                  + key
                  + " failed: AccessDenied: injected by the test")
          .contains("(the caller needs s3:GetObject")
          .doesNotContain("Exception\n\tat");
      assertThat(proxy.count("S3_ACCESS_DENIED")).isEqualTo(1);
    }
  }

  @Test
  void anOddPrefixAndMoreObjectsThanAListingPageHoldsAreAllRead() throws Exception {
    String prefix = "team & co/logs+é/";
    long hour = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    int objects = 1_001; // ListObjectsV2 answers 1,000 keys a page at most
    Parallel.map(
        IntStream.range(0, objects).boxed().toList(),
        8,
        i ->
            put(
                prefix,
                "fn & co",
                "e" + (i % 3),
                i + 1,
                hour + i * 1_000L,
                gzip(event(hour + i * 1_000L, "function", "line " + i) + "\n")));
    Cli.Run run =
        tail(
            "--prefix",
            prefix,
            "--since",
            "2026-11-23T10:00Z",
            "--until",
            "2026-11-23T11:00Z",
            "--format",
            "raw");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines().toList())
        .isEqualTo(IntStream.range(0, objects).mapToObj(i -> "line " + i).toList());
  }

  @Test
  void aMissingBucketSaysWhatToCheckAndExits1() {
    Cli.Run run = cli.run("tail", "--bucket", "no-such-bucket", "--since", "10m");
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .contains("s3://no-such-bucket/lambda-logs/")
        .contains("NoSuchBucket")
        .contains("check --bucket")
        .doesNotContain("Exception\n\tat");
  }
}
