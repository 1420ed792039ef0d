package dev.lambdalogs.e2e.bench;

import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.S3;
import dev.lambdalogs.extension.util.Times;
import dev.lambdalogs.cli.util.Parallel;
import dev.lambdalogs.extension.sink.Bucket;
import dev.lambdalogs.extension.sink.SigV4;
import dev.lambdalogs.extension.util.Http;
import java.net.URI;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * tail over 1,000 objects holding 200,000 events in the last hour, against moto's S3: the lambdalogs CLI
 * (its own JVM) beside {@code aws s3 sync} of the same objects followed by {@code zcat | sort}. Also the
 * time to the first line for --since 10m, and peak RSS with a 64 MB heap cap for both ranges. Run with
 * {@code ./mvnw -Pbenchmark verify -DskipTests -Dbench.skipExtension=true -Dbench.skipInstall=true}.
 */
public final class TailBenchmark {
  static final int OBJECTS = 1_000;
  static final int EVENTS_PER_OBJECT = 200;
  static final int FUNCTIONS = 4;
  static final int RUNS = 3;
  /** tail's default --parallel. */
  static final int PARALLEL = 16;

  private TailBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(System.getProperty("lambdalogs.cli.jar", "cli/target/lambdalogs.jar"));
    try (MotoServer moto = MotoServer.start(); S3Client s3 = S3.client(moto.endpoint())) {
      s3.createBucket(b -> b.bucket("bench-logs"));
      long now = System.currentTimeMillis();
      Parallel.map(IntStream.range(0, OBJECTS).boxed().toList(), 8, i -> {
        put(s3, i, now - 55 * 60_000L + i * (55 * 60_000L / OBJECTS));
        return null;
      });
      String endpoint = moto.endpoint().toString();
      // the flags ./lambdalogs runs the CLI with, and a 64 MB heap to show memory stays bounded
      List<String> tail = List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-XX:SharedArchiveFile=" + jar.resolveSibling("lambdalogs.jsa"), "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
          "-Xmx64m", "-jar", jar.toString(), "tail", "--bucket", "bench-logs",
          "--format", "json", "--endpoint-url", endpoint, "--region", "us-east-1");
      List<Double> ours = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Double> theirs = new ArrayList<>();
      List<Double> first = new ArrayList<>();
      List<Double> floor = new ArrayList<>();
      long lines = 0;
      long rssHour = 0;
      long rssTen = 0;
      for (int run = 0; run < RUNS; run++) {
        Measured hour = run(with(tail, "--since", "1h"));
        ours.add(hour.seconds());
        cpu.add(hour.cpuSeconds());
        lines = hour.lines();
        rssHour = Math.max(rssHour, hour.peakRssKb());
        Measured ten = run(with(tail, "--since", "10m"));
        first.add(ten.firstLineSeconds());
        rssTen = Math.max(rssTen, ten.peakRssKb());
        Path copy = Files.createTempDirectory("sync-");
        theirs.add(run(List.of("bash", "-c", "aws s3 sync s3://bench-logs/lambda-logs/ " + copy + " --endpoint-url " + endpoint
            + " --region us-east-1 --only-show-errors && find " + copy + " -name '*.gz' -print0 | xargs -0 zcat | sort")).seconds());
        floor.add(getEveryObject(s3, moto.endpoint()));
      }
      double median = InstallBenchmark.median(ours);
      double sync = InstallBenchmark.median(theirs);
      String table = "| what | measured | target |\n|---|---|---|\n"
          + "| `lambdalogs tail --since 1h --format json`: " + OBJECTS + " objects, " + lines + " events, to the last line ("
          + RUNS + " runs) | median " + fmt(median) + " s | |\n"
          + "| `aws s3 sync` of the same objects, then `zcat \\| sort` | median " + fmt(sync) + " s | |\n"
          + "| ratio | " + fmt(sync / median) + "× faster | ≥ 3× |\n"
          + "| CPU time of that tail (user + system) | median " + fmt(InstallBenchmark.median(cpu)) + " s | |\n"
          + "| moto's floor: the same " + OBJECTS + " GETs and nothing else, " + PARALLEL + " at once from a warm JVM | median "
          + fmt(InstallBenchmark.median(floor)) + " s | |\n"
          + "| first line printed, `--since 10m` | median " + fmt(InstallBenchmark.median(first)) + " s | < 1 s |\n"
          + "| peak RSS of tail with -Xmx64m: --since 1h / --since 10m | " + rssHour / 1024 + " MB / " + rssTen / 1024
          + " MB | bounded |\n";
      System.out.println(table);
      Files.writeString(Path.of(System.getProperty("bench.out", "target/benchmark-tail.md")), table);
    }
  }

  /**
   * How long moto takes to answer a GET for every object, asked by the leanest client at hand: tail's own
   * signed request, with no listing, no reading and no JVM start. No client can finish before this.
   */
  static double getEveryObject(S3Client s3, URI endpoint) {
    List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket("bench-logs")).contents().stream().map(o -> o.key()).toList();
    Bucket bucket = new Bucket("bench-logs", "us-east-1", endpoint, true);
    SigV4.Credentials credentials = new SigV4.Credentials("testing", "testing", null);
    long started = System.nanoTime();
    Parallel.map(keys, PARALLEL, key -> {
      URI uri = bucket.uri(key);
      try {
        Http.Response response = Http.exchange("GET", uri, bucket.sign("GET", uri, new byte[0], credentials), null, 10_000, 60_000);
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

  static void put(S3Client s3, int index, long firstMillis) {
    String function = "fn_" + (index % FUNCTIONS);
    StringBuilder lines = new StringBuilder();
    for (int e = 0; e < EVENTS_PER_OBJECT; e++) {
      lines.append("{\"time\":\"").append(Times.iso(firstMillis + e * 10L)).append("\",\"type\":\"function\",\"record\":\"")
          .append("2026-11-24T10:00:00Z INFO handled GET /orders/").append(index).append('/').append(e)
          .append(" status=200 duration_ms=12\",\"requestId\":\"8f5b1c9e-").append(index).append("\"}\n");
    }
    String stamp = Times.stamp(Times.iso(firstMillis));
    String key = "lambda-logs/" + function + "/" + stamp.substring(0, 4) + "/" + stamp.substring(4, 6) + "/" + stamp.substring(6, 8)
        + "/" + stamp.substring(9, 11) + "/" + stamp + "-" + String.format("%016x", index % 7) + "-" + Times.pad(index + 1, 6)
        + ".ndjson.gz";
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
        gzip.write(lines.toString().getBytes(StandardCharsets.UTF_8));
      }
      s3.putObject(b -> b.bucket("bench-logs").key(key), RequestBody.fromBytes(bytes.toByteArray()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  record Measured(double seconds, double firstLineSeconds, long lines, long peakRssKb, double cpuSeconds) {}

  /** Runs a command, reading its stdout to the end, timing the first and the last line, sampling its peak RSS. */
  static Measured run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    long started = System.nanoTime();
    Process process = builder.start();
    long[] peak = {0};
    long[] ticks = {0};
    Thread sampler = new Thread(() -> {
      while (process.isAlive()) {
        try {
          for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
              peak[0] = Math.max(peak[0], Long.parseLong(line.replaceAll("\\D", "")));
            }
          }
          // utime and stime (fields 14 and 15, in clock ticks), counted after the name in parentheses
          String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks[0] = Math.max(ticks[0], Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
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
    return new Measured((System.nanoTime() - started) / 1e9, firstLine, lines, peak[0], ticks[0] / 100.0);
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
