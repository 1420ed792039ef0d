package dev.lambdalogs.e2e.bench;

import dev.lambdalogs.cli.archive.S3Source;
import dev.lambdalogs.cli.archive.Source;
import dev.lambdalogs.cli.failure.Unreachable;
import dev.lambdalogs.cli.util.Parallel;
import dev.lambdalogs.contract.archive.ArchiveLayout;
import dev.lambdalogs.contract.http.Http;
import dev.lambdalogs.contract.s3.Bucket;
import dev.lambdalogs.contract.s3.SigV4;
import dev.lambdalogs.contract.settings.Settings;
import dev.lambdalogs.contract.time.Times;
import dev.lambdalogs.e2e.support.CliJar;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.S3;
import dev.lambdalogs.e2e.support.S3ProxyServer;
import dev.lambdalogs.extension.sink.S3Sink;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * tail over 1,000 objects holding 200,000 events in the last hour: the lambdalogs CLI (its own JVM)
 * beside {@code aws s3 sync} of the same objects followed by {@code zcat | sort}. Also the time to
 * the first line for --since 10m, peak RSS with a 64 MB heap cap for both ranges, and the server's
 * own floor. Against moto's server, then S3Proxy (-Dbench.skipS3Proxy=true leaves it out). Run with
 * {@code ./mvnw -Pbenchmark verify -DskipTests -Dbench.skipExtension=true
 * -Dbench.skipInstall=true}.
 */
public final class TailBenchmark {
  static final int OBJECTS = 1_000;
  static final int EVENTS_PER_OBJECT = 200;
  static final int FUNCTIONS = 4;
  static final int RUNS = 3;
  static final int WARM_UP_ROUNDS = 3;
  static final String BUCKET = "bench-logs";
  static final Map<String, String> CREDENTIALS =
      Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");
  static final SigV4.Credentials SIGNER = SigV4.Credentials.fromEnvironment(CREDENTIALS);

  /** tail's default --parallel. */
  static final int PARALLEL = 16;

  private TailBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = CliJar.path();
    StringBuilder report = new StringBuilder();
    try (MotoServer moto = MotoServer.start()) {
      report.append("Against moto's server:\n\n").append(measure(jar, moto.endpoint(), Map.of()));
    }
    if (!Boolean.getBoolean("bench.skipS3Proxy")) {
      try (S3ProxyServer proxy = S3ProxyServer.start()) {
        // S3Proxy implements no flexible checksums, which the AWS CLI now sends unless told not to
        report
            .append("\nAgainst S3Proxy:\n\n")
            .append(
                measure(
                    jar,
                    proxy.endpoint(),
                    Map.of(
                        "AWS_REQUEST_CHECKSUM_CALCULATION",
                        "when_required",
                        "AWS_RESPONSE_CHECKSUM_VALIDATION",
                        "when_required")));
      }
    }
    System.out.println(report);
    Files.writeString(Path.of(System.getProperty("bench.out", "target/benchmark-tail.md")), report);
  }

  /**
   * tail with the flags ./lambdalogs runs the CLI with, and a 64 MB heap to show memory stays
   * bounded.
   */
  static List<String> tail(Path jar, URI endpoint) {
    return List.of(
        java(),
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-XX:SharedArchiveFile=" + jar.resolveSibling("lambdalogs.jsa"),
        "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off",
        "-Xmx64m",
        "-jar",
        jar.toString(),
        "tail",
        "--bucket",
        BUCKET,
        "--format",
        "json",
        "--endpoint-url",
        endpoint.toString(),
        "--region",
        "us-east-1");
  }

  /**
   * The whole comparison against one server: its objects written, then each side run {@link #RUNS}
   * times.
   */
  static String measure(Path jar, URI endpoint, Map<String, String> awsCliEnv) throws Exception {
    try (S3Client s3 = S3.client(endpoint)) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
    // written as the extension writes them: its own sink, one signed PutObject each
    S3Sink sink = new S3Sink(new Bucket(BUCKET, "us-east-1", endpoint, true), CREDENTIALS);
    long now = System.currentTimeMillis();
    Parallel.map(
        IntStream.range(0, OBJECTS).boxed().toList(),
        8,
        i -> {
          put(sink, i, now - 55 * 60_000L + i * (55 * 60_000L / OBJECTS));
          return null;
        });
    List<String> keys = new ArrayList<>();
    for (Source.ObjectRef object :
        new S3Source(
                new Bucket(BUCKET, "us-east-1", endpoint, true),
                () -> SIGNER,
                new Unreachable.Watch("check the benchmark's server"))
            .list("lambda-logs/", null)) {
      keys.add(object.key());
    }
    List<String> tail = tail(jar, endpoint);
    // -Dbench.before=JAR: another build's CLI, run the same way in each round, side by side
    String beforeJar = System.getProperty("bench.before");
    List<String> tailBefore = beforeJar == null ? null : tail(Path.of(beforeJar), endpoint);
    List<Double> before = new ArrayList<>();
    List<Double> beforeCpu = new ArrayList<>();
    List<Double> ours = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    List<Double> theirs = new ArrayList<>();
    List<Double> first = new ArrayList<>();
    List<Double> floor = new ArrayList<>();
    long lines = 0;
    long rssHour = 0;
    long rssTen = 0;
    // the first rounds are not counted: a JVM server (S3Proxy) answers slowly until its JIT has
    // compiled its
    // hot paths, and keeps getting faster over a few thousand requests
    for (int run = -WARM_UP_ROUNDS; run < RUNS; run++) {
      if (run == 0) {
        List.of(ours, cpu, theirs, first, floor, before, beforeCpu).forEach(List::clear);
      }
      Measured hour = run(with(tail, "--since", "1h"), Map.of());
      ours.add(hour.seconds());
      cpu.add(hour.cpuSeconds());
      lines = hour.lines();
      rssHour = Math.max(rssHour, hour.peakRssKb());
      if (tailBefore != null) {
        Measured earlier = run(with(tailBefore, "--since", "1h"), Map.of());
        before.add(earlier.seconds());
        beforeCpu.add(earlier.cpuSeconds());
      }
      Measured ten = run(with(tail, "--since", "10m"), Map.of());
      first.add(ten.firstLineSeconds());
      rssTen = Math.max(rssTen, ten.peakRssKb());
      Path copy = Files.createTempDirectory("sync-");
      theirs.add(
          run(
                  List.of(
                      "bash",
                      "-c",
                      "aws s3 sync s3://"
                          + BUCKET
                          + "/lambda-logs/ "
                          + copy
                          + " --endpoint-url "
                          + endpoint
                          + " --region us-east-1 --only-show-errors && find "
                          + copy
                          + " -name '*.gz' -print0 | xargs -0 zcat | sort"),
                  awsCliEnv)
              .seconds());
      floor.add(getEveryObject(keys, endpoint));
    }
    double median = InstallBenchmark.median(ours);
    double sync = InstallBenchmark.median(theirs);
    String side =
        tailBefore == null
            ? ""
            : "| the same tail from "
                + beforeJar
                + " (bench.before) | median "
                + fmt(InstallBenchmark.median(before))
                + " s, CPU "
                + fmt(InstallBenchmark.median(beforeCpu))
                + " s | |\n";
    return "| what | measured | target |\n|---|---|---|\n"
        + side
        + "| `lambdalogs tail --since 1h --format json`: "
        + OBJECTS
        + " objects, "
        + lines
        + " events, to the last line ("
        + RUNS
        + " runs) | median "
        + fmt(median)
        + " s | |\n"
        + "| `aws s3 sync` of the same objects, then `zcat \\| sort` | median "
        + fmt(sync)
        + " s | |\n"
        + "| ratio | "
        + fmt(sync / median)
        + "× faster | ≥ 3× |\n"
        + "| CPU time of that tail (user + system) | median "
        + fmt(InstallBenchmark.median(cpu))
        + " s | |\n"
        + "| the server's floor: the same "
        + OBJECTS
        + " GETs and nothing else, "
        + PARALLEL
        + " at once from a warm JVM | median "
        + fmt(InstallBenchmark.median(floor))
        + " s | |\n"
        + "| first line printed, `--since 10m` | median "
        + fmt(InstallBenchmark.median(first))
        + " s | < 1 s |\n"
        + "| peak RSS of tail with -Xmx64m: --since 1h / --since 10m | "
        + rssHour / 1024
        + " MB / "
        + rssTen / 1024
        + " MB | bounded |\n";
  }

  /**
   * How long the server takes to answer a GET for every object, asked by the leanest client at
   * hand: tail's own signed request, with no listing, no reading and no JVM start. No client can
   * finish sooner.
   */
  static double getEveryObject(List<String> keys, URI endpoint) {
    Bucket bucket = new Bucket(BUCKET, "us-east-1", endpoint, true);
    long started = System.nanoTime();
    Parallel.map(
        keys,
        PARALLEL,
        key -> {
          URI uri = bucket.uri(key);
          try {
            Http.Response response =
                Http.exchange(
                    "GET", uri, bucket.sign("GET", uri, new byte[0], SIGNER), null, 10_000, 60_000);
            if (!response.ok()) {
              throw new IllegalStateException("GET " + key + ": HTTP " + response.status());
            }
            return response.body().length;
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    return (System.nanoTime() - started) / 1e9;
  }

  static void put(S3Sink sink, int index, long firstMillis) {
    Map.Entry<String, byte[]> object = object(index, firstMillis);
    try {
      sink.put(object.getKey(), object.getValue(), 60_000);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * One of the benchmark's objects: its key, and 200 events gzipped as the extension writes them.
   */
  static Map.Entry<String, byte[]> object(int index, long firstMillis) {
    String function = "fn_" + (index % FUNCTIONS);
    StringBuilder lines = new StringBuilder();
    for (int e = 0; e < EVENTS_PER_OBJECT; e++) {
      lines
          .append("{\"time\":\"")
          .append(Times.iso(firstMillis + e * 10L))
          .append("\",\"type\":\"function\",\"record\":\"")
          .append("2026-11-24T10:00:00Z INFO handled GET /orders/")
          .append(index)
          .append('/')
          .append(e)
          .append(" status=200 duration_ms=12\",\"requestId\":\"8f5b1c9e-")
          .append(index)
          .append("\"}\n");
    }
    String stamp = Times.stamp(Times.iso(firstMillis));
    String key =
        ArchiveLayout.key(
            Settings.DEFAULT_PREFIX,
            function,
            stamp,
            String.format("%016x", index % 7),
            index + 1,
            true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Map.entry(key, bytes.toByteArray());
  }

  record Measured(
      double seconds, double firstLineSeconds, long lines, long peakRssKb, double cpuSeconds) {}

  /**
   * Runs a command, reading its stdout to the end, timing the first and the last line, sampling its
   * peak RSS and CPU time.
   */
  static Measured run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(CREDENTIALS);
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    long[] peak = {0};
    long[] ticks = {0};
    Thread sampler =
        new Thread(
            () -> {
              while (process.isAlive()) {
                try {
                  for (String line :
                      Files.readAllLines(
                          Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                      peak[0] = Math.max(peak[0], Long.parseLong(line.replaceAll("\\D", "")));
                    }
                  }
                  // utime and stime (fields 14 and 15, in clock ticks), counted after the name in
                  // parentheses
                  String stat =
                      Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
                  String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                  ticks[0] =
                      Math.max(ticks[0], Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                  Thread.sleep(5);
                } catch (Exception e) {
                  return;
                }
              }
            });
    sampler.start();
    double firstLine = -1;
    long lines = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream out = process.getInputStream()) {
      int n;
      while ((n = out.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            if (lines++ == 0) {
              firstLine = (System.nanoTime() - started) / 1e9;
            }
          }
        }
      }
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command + " exited " + process.exitValue());
    }
    sampler.join();
    return new Measured(
        (System.nanoTime() - started) / 1e9, firstLine, lines, peak[0], ticks[0] / 100.0);
  }

  static List<String> with(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(more));
    return all;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String fmt(double value) {
    return String.format("%.2f", value);
  }
}
