package dev.lambdalogs.e2e.bench;

import dev.lambdalogs.e2e.support.Archive;
import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.e2e.support.FaultProxy;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.ProbeExtension;
import dev.lambdalogs.e2e.support.S3;
import dev.lambdalogs.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The extension's benchmark: the real layer in the sandbox emulator, writing to moto's S3 through a
 * counting proxy. Run with {@code ./mvnw -Pbenchmark verify -DskipTests}; it prints a Markdown table
 * and writes it to target/e2e/benchmark.md. {@code -Dbench.only=init,steady,puts,ingest} picks parts;
 * {@code -Dbench.coldStarts=N} sets the number of cold starts. Every figure is a median (and p90 or p99 where said) over
 * repeated runs: the machines are noisy.
 */
public final class ExtensionBenchmark {
  static final String BUCKET = "bench-logs";
  static final String LINE = "2026-11-24T10:00:00.000Z INFO request handled: GET /orders/12345 status=200 duration_ms=12 user=u-42";

  private final FaultProxy proxy;
  private final S3Client s3;
  private final List<String> rows = new ArrayList<>();

  private ExtensionBenchmark(FaultProxy proxy, S3Client s3) {
    this.proxy = proxy;
    this.s3 = s3;
  }

  public static void main(String[] args) throws Exception {
    int coldStarts = Integer.getInteger("bench.coldStarts", 15);
    try (MotoServer moto = MotoServer.start(); FaultProxy proxy = new FaultProxy(moto.endpoint());
        S3Client s3 = S3.client(moto.endpoint())) {
      s3.createBucket(b -> b.bucket(BUCKET));
      ExtensionBenchmark bench = new ExtensionBenchmark(proxy, s3);
      String only = System.getProperty("bench.only", "init,steady,puts,ingest,managed");
      if (only.contains("init")) {
        bench.initTime(false, coldStarts);
        bench.initTime(true, coldStarts);
      }
      if (only.contains("steady")) {
        bench.steady(1_000);
      }
      if (only.contains("puts")) {
        bench.putsPerThousandInvocations();
      }
      if (only.contains("ingest")) {
        bench.throughput(false);
        bench.throughput(true);
      }
      if (only.contains("managed")) {
        bench.managedInstances(8, 50, 200);
        bench.managedInstances(32, 25, 100);
      }
      bench.print();
    }
  }

  Map<String, String> env(String... more) {
    Map<String, String> env = new HashMap<>(Environment.s3(proxy.endpoint(), BUCKET));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  Sandbox start(boolean jre, Map<String, String> env) throws IOException {
    if (jre) {
      env.remove("LAMBDALOGS_JAVA");
    }
    Sandbox sandbox = Sandbox.start(Environment.layer(jre), new Sandbox.Function("bench_fn", env), Sandbox.Options.defaults());
    if (!sandbox.initResult().ok()) {
      throw new IllegalStateException("init failed: " + sandbox.extensionOutput());
    }
    return sandbox;
  }

  static String runtime(boolean jre) {
    return jre ? "bundled Temurin 25 (-jre layer)" : "JDK " + System.getProperty("java.version") + " (plain layer)";
  }

  void initTime(boolean jre, int runs) throws IOException {
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      try (Sandbox sandbox = start(jre, env())) {
        Sandbox.ExtensionStats stats = sandbox.stats().get(0);
        wall.add((double) stats.initMs());
        cpu.add((double) stats.initCpuMs());
        sandbox.invoke(inv -> inv.log(LINE));
        sandbox.shutdown();
        rss.add(sandbox.stats().get(0).peakRssKb() / 1024.0);
      }
    }
    row("init: process start to first /event/next, " + runtime(jre), "median " + fmt(median(wall)) + " ms, p90 "
        + fmt(percentile(wall, 90)) + " ms (" + runs + " cold starts)", "< 400 ms with the bundled runtime");
    row("init CPU time (user + system), " + runtime(jre), "median " + fmt(median(cpu)) + " ms, p90 " + fmt(percentile(cpu, 90)) + " ms",
        "as low as it goes: ×14 on a 128 MB function");
    row("peak RSS after one invocation, " + runtime(jre), "median " + fmt(median(rss)) + " MB", "< 64 MB");
  }

  void steady(int invocations) throws IOException {
    List<Double> post;
    try (Sandbox sandbox = start(false, env())) {
      post = postRuntime(sandbox, invocations);
      row("peak RSS over " + invocations + " invocations of 10 lines, " + runtime(false),
          fmt(sandbox.stats().get(0).peakRssKb() / 1024.0) + " MB", "< 64 MB");
    }
    row("post-runtime time added per invocation, no batch due (" + invocations + " invocations)",
        "p50 " + fmt(median(post)) + " ms, p99 " + fmt(percentile(post, 99)) + " ms", "p99 < 2 ms");
    // the floor: the same loop with an extension that does nothing but call event/next
    Path probe = Files.createTempDirectory("probe-");
    Map<String, String> env = Map.of("PROBE_OUT", probe.resolve("deliveries").toString(),
        "PROBE_BUFFERING", "{\"timeoutMs\":100}");
    try (Sandbox sandbox = Sandbox.start(ProbeExtension.layer(probe.resolve("layer")),
        new Sandbox.Function("bench_fn", env), Sandbox.Options.defaults())) {
      if (!sandbox.initResult().ok()) {
        throw new IllegalStateException("the probe extension did not start: " + sandbox.extensionOutput());
      }
      List<Double> floor = postRuntime(sandbox, invocations);
      row("the same, with a do-nothing extension (the emulator's and the machine's floor)",
          "p50 " + fmt(median(floor)) + " ms, p99 " + fmt(percentile(floor, 99)) + " ms", "");
    }
  }

  private static List<Double> postRuntime(Sandbox sandbox, int invocations) {
    List<Double> post = new ArrayList<>();
    for (int i = 0; i < invocations; i++) {
      post.add(sandbox.invoke(inv -> {
        for (int l = 0; l < 10; l++) {
          inv.log(LINE);
        }
      }).postRuntimeMs());
    }
    sandbox.shutdown();
    return post;
  }

  /**
   * At one invocation a second and the default 60 s interval, time-scaled by 10 to fit a benchmark run:
   * one invocation every 100 ms with a 6 s interval keeps the ratio, and so the PUTs per invocation.
   */
  void putsPerThousandInvocations() throws Exception {
    proxy.resetCounts();
    try (Sandbox sandbox = start(false, env("LAMBDALOGS_FLUSH_INTERVAL_S", "6"))) {
      long next = System.nanoTime();
      for (int i = 0; i < 1_000; i++) {
        sandbox.invoke(inv -> {
          for (int l = 0; l < 10; l++) {
            inv.log(LINE);
          }
        });
        next += 100_000_000L;
        long sleep = (next - System.nanoTime()) / 1_000_000;
        if (sleep > 0) {
          Thread.sleep(sleep);
        }
      }
      sandbox.shutdown();
    }
    row("S3 PUTs per 1,000 invocations at one a second, default 60 s interval (time-scaled ×10)",
        proxy.count("forwarded") + " PUTs", "≤ 20");
  }

  /** Lines logged as fast as the function can, until the extension has taken them all in. */
  /**
   * Managed Instances: {@code concurrency} threads, each running invocations one after another, every
   * invocation logging {@code lines} JSON lines; from the first invocation until the extension has written
   * everything and exited. Lines lost: logged and not in the archive.
   */
  void managedInstances(int concurrency, int invocationsPerThread, int lines) throws Exception {
    List<Double> rates = new ArrayList<>();
    long lost = 0;
    double rss = 0;
    long total = (long) concurrency * invocationsPerThread * lines;
    for (int run = 0; run < 3; run++) {
      String prefix = "managed-" + concurrency + "-" + run + "/";
      try (Sandbox sandbox = Sandbox.start(Environment.layer(false), Sandbox.Function.managedInstances("bench_fn",
          env("LAMBDALOGS_PREFIX", prefix)), Sandbox.Options.defaults())) {
        if (!sandbox.initResult().ok()) {
          throw new IllegalStateException("init failed: " + sandbox.extensionOutput());
        }
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
          Thread thread = new Thread(() -> {
            for (int i = 0; i < invocationsPerThread; i++) {
              sandbox.invoke(inv -> {
                for (int l = 0; l < lines; l++) {
                  inv.log(LINE);
                }
              });
            }
          });
          thread.start();
          threads.add(thread);
        }
        for (Thread thread : threads) {
          thread.join();
        }
        sandbox.shutdown();
        rates.add(total / ((System.nanoTime() - started) / 1e9));
        rss = Math.max(rss, sandbox.stats().get(0).peakRssKb() / 1024.0);
      }
      lost += total - Archive.read(s3, BUCKET, prefix).functionLines().size();
    }
    row("Managed Instances, concurrency " + concurrency + ", " + total + " JSON lines of ~" + (LINE.length() + 150)
        + " bytes, JDK 17 (plain layer), 3 runs", "median " + fmt(median(rates) / 1000) + "k lines/s, peak RSS "
        + fmt(rss) + " MB, lines lost: " + lost, "0 lost, < 64 MB");
  }

  void throughput(boolean jre) throws Exception {
    List<Double> rates = new ArrayList<>();
    List<Double> cpuPer10k = new ArrayList<>();
    long dropped = 0;
    double rss = 0;
    int lines = 200_000;
    for (int run = 0; run < 3; run++) {
      try (Sandbox sandbox = start(jre, env())) {
        sandbox.invoke(inv -> inv.log("warm up"));
        long cpuBefore = cpu(sandbox);
        long started = System.nanoTime();
        for (int part = 0; part < 4; part++) {
          sandbox.invoke(inv -> {
            for (int l = 0; l < lines / 4; l++) {
              inv.log(LINE);
            }
          });
        }
        sandbox.shutdown(); // returns once the extension has written everything and exited
        double seconds = (System.nanoTime() - started) / 1e9;
        rates.add(lines * (LINE.length() + 60) / seconds / 1e6); // bytes of event JSON per second
        cpuPer10k.add((cpu(sandbox) - cpuBefore) * 10_000.0 / lines);
        dropped += sandbox.droppedByPlatform();
        rss = Math.max(rss, sandbox.stats().get(0).peakRssKb() / 1024.0);
      }
    }
    row("sustained ingest, " + lines + " lines of ~" + (LINE.length() + 60) + " bytes, to S3, " + runtime(jre),
        "median " + fmt(median(rates)) + " MB/s, dropped by the platform: " + dropped, "≥ 20 MB/s, 0 dropped");
    row("CPU time per 10,000 lines, " + runtime(jre), "median " + fmt(median(cpuPer10k)) + " ms", "(no target)");
    row("peak RSS while ingesting " + lines + " lines, " + runtime(jre), fmt(rss) + " MB", "< 64 MB");
  }

  private static long cpu(Sandbox sandbox) {
    return sandbox.stats().get(0).cpuMs();
  }

  private void row(String what, String measured, String target) {
    String row = "| " + what + " | " + measured + " | " + target + " |";
    rows.add(row);
    System.out.println(row);
  }

  private void print() throws IOException {
    String table = "| what | measured | target |\n|---|---|---|\n" + String.join("\n", rows) + "\n";
    Path out = Path.of(System.getProperty("bench.out", "target/benchmark.md"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, table);
    System.out.println("\n" + table + "\nwritten to " + out.toAbsolutePath());
  }

  static double median(List<Double> values) {
    return percentile(values, 50);
  }

  static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  static String fmt(double value) {
    return value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
  }
}
