package dev.lambdalogs.e2e.bench;

import dev.lambdalogs.cli.util.Folders;
import dev.lambdalogs.cli.util.Parallel;
import dev.lambdalogs.contract.s3.Bucket;
import dev.lambdalogs.e2e.support.CliJar;
import dev.lambdalogs.e2e.support.S3;
import dev.lambdalogs.e2e.support.S3ProxyServer;
import dev.lambdalogs.extension.sink.S3Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code lambdalogs query} of a per-function count over the tail benchmark's archive (1,000
 * objects, 200,000 events, 4 functions, the last 55 minutes): from a local folder, and from S3Proxy
 * on a first run (an empty cache) and cached, beside {@code zcat | jq} over the same files counting
 * the same thing. Run with {@code ./mvnw -Pbenchmark verify -DskipTests -Dbench.skipExtension=true
 * -Dbench.skipInstall=true -Dbench.skipTail=true}.
 */
public final class QueryBenchmark {
  static final String SQL = "SELECT function, count(*) AS events FROM logs GROUP BY 1 ORDER BY 1";

  private QueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = CliJar.path();
    Path root = Files.createTempDirectory("lambdalogs-query-bench-");
    Path folder = root.resolve("archive");
    Path cache = root.resolve("cache");
    long now = System.currentTimeMillis();
    List<Map.Entry<String, byte[]>> objects =
        IntStream.range(0, TailBenchmark.OBJECTS)
            .mapToObj(
                i ->
                    TailBenchmark.object(
                        i, now - 55 * 60_000L + i * (55 * 60_000L / TailBenchmark.OBJECTS)))
            .toList();
    for (Map.Entry<String, byte[]> o : objects) {
      Path file = folder.resolve(o.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, o.getValue());
    }
    StringBuilder report = new StringBuilder();
    try (S3ProxyServer proxy = S3ProxyServer.start()) {
      try (S3Client s3 = S3.client(proxy.endpoint())) {
        s3.createBucket(b -> b.bucket(TailBenchmark.BUCKET));
      }
      S3Sink sink =
          new S3Sink(
              new Bucket(TailBenchmark.BUCKET, "us-east-1", proxy.endpoint(), true),
              TailBenchmark.CREDENTIALS);
      Parallel.map(
          objects,
          8,
          o -> {
            try {
              sink.put(o.getKey(), o.getValue(), 60_000);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            return null;
          });
      List<String> query =
          List.of(
              TailBenchmark.java(),
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-XX:SharedArchiveFile=" + jar.resolveSibling("lambdalogs.jsa"),
              "-Xlog:cds=off",
              "-Xlog:cds+dynamic=off",
              "-jar",
              jar.toString(),
              "query",
              "--since",
              "1h",
              "-o",
              "csv");
      List<String> fromFolder = TailBenchmark.with(query, "--dir", folder.toString(), SQL);
      List<String> fromBucket =
          TailBenchmark.with(
              query,
              "--bucket",
              TailBenchmark.BUCKET,
              "--endpoint-url",
              proxy.endpoint().toString(),
              "--region",
              "us-east-1",
              "--cache-dir",
              cache.toString(),
              SQL);
      // the same count by hand: each function's files, decompressed, parsed by jq, its events in
      // the range counted
      String since = java.time.Instant.ofEpochMilli(now - 3_600_000L).toString();
      List<String> pipeline =
          List.of(
              "sh",
              "-c",
              "for d in "
                  + folder.resolve("lambda-logs")
                  + "/*/; do printf '%s,' \"$(basename \"$d\")\"; find \"$d\" -name '*.gz' -print0"
                  + " | xargs -0 zcat | jq -c 'select(.time >= \""
                  + since
                  + "\")' | wc -l; done");
      // both sides must count the same: 50,000 events a function
      String counted = output(fromFolder).replace("\r", "").replace("function,events\n", "");
      if (!counted.equals(output(pipeline)) || !counted.contains("fn_0,50000")) {
        throw new IllegalStateException(
            "query and the pipeline disagree:\n" + counted + "---\n" + output(pipeline));
      }
      List<TailBenchmark.Measured> first = new ArrayList<>();
      List<TailBenchmark.Measured> cached = new ArrayList<>();
      List<TailBenchmark.Measured> local = new ArrayList<>();
      List<TailBenchmark.Measured> jq = new ArrayList<>();
      for (int round = 0; round < 1 + TailBenchmark.RUNS; round++) {
        Folders.delete(cache);
        TailBenchmark.Measured f = TailBenchmark.run(fromBucket, Map.of());
        TailBenchmark.Measured c = TailBenchmark.run(fromBucket, Map.of());
        TailBenchmark.Measured l = TailBenchmark.run(fromFolder, Map.of());
        TailBenchmark.Measured j = TailBenchmark.run(pipeline, Map.of());
        if (round > 0) { // the first round warms the disk cache and the JIT of nothing: left out
          first.add(f);
          cached.add(c);
          local.add(l);
          jq.add(j);
        }
      }
      double jqSeconds = median(jq, TailBenchmark.Measured::seconds);
      report
          .append("| what | median of ")
          .append(TailBenchmark.RUNS)
          .append(" | CPU | peak RSS | against `zcat | jq` |\n|---|---|---|---|---|\n")
          .append(row("`query`, S3Proxy, first run (empty cache)", first, jqSeconds, true))
          .append(row("`query`, S3Proxy, cached", cached, jqSeconds, true))
          .append(row("`query --dir`, the local folder", local, jqSeconds, true))
          // the shell's children (zcat, jq) are not sampled: only its wall time is comparable
          .append(row("`zcat | jq` per function, the local folder", jq, jqSeconds, false));
    }
    System.out.println(report);
    Files.writeString(
        Path.of(System.getProperty("bench.out", "target/benchmark-query.md")), report);
    Folders.delete(root);
  }

  static String output(List<String> command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(TailBenchmark.CREDENTIALS);
    Process process = builder.start();
    String out =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command + " exited " + process.exitValue());
    }
    return out;
  }

  static String row(
      String what, List<TailBenchmark.Measured> runs, double baseline, boolean sampled) {
    double seconds = median(runs, TailBenchmark.Measured::seconds);
    return "| "
        + what
        + " | "
        + TailBenchmark.fmt(seconds)
        + " s | "
        + (sampled
            ? TailBenchmark.fmt(median(runs, TailBenchmark.Measured::cpuSeconds)) + " s"
            : "-")
        + " | "
        + (sampled
            ? runs.stream().mapToLong(TailBenchmark.Measured::peakRssKb).max().orElse(0) / 1024
                + " MB"
            : "-")
        + " | "
        + TailBenchmark.fmt(baseline / seconds)
        + "× |\n";
  }

  static double median(
      List<TailBenchmark.Measured> runs, Function<TailBenchmark.Measured, Double> f) {
    List<Double> sorted = runs.stream().map(f).sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
