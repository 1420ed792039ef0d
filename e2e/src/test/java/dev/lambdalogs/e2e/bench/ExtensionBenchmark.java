package dev.lambdalogs.e2e.bench;

import dev.lambdalogs.e2e.support.Archive;
import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.e2e.support.FaultProxy;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.S3;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.ExtensionStats;
import dev.lambdalogs.sandbox.model.Invocation;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.LogFormat;
import dev.lambdalogs.sandbox.model.Mode;
import dev.lambdalogs.sandbox.testing.ProbeExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The extension's benchmark: the real layer in the sandbox emulator, writing to moto's S3 through a
 * counting proxy. Run with {@code ./mvnw -Pbenchmark verify -DskipTests}; it prints a Markdown
 * table and writes it to e2e/target/benchmark.md. {@code -Dbench.only=init,steady,puts,ingest}
 * picks parts; {@code -Dbench.coldStarts=N} sets the number of cold starts. Every figure is a
 * median (and p90 or p99 where said) over repeated runs: the machines are noisy.
 */
public final class ExtensionBenchmark {
  static final String BUCKET = "bench-logs";
  static final String LINE =
      "2026-11-24T10:00:00.000Z INFO request handled: GET /orders/12345 status=200 duration_ms=12 user=u-42";

  private final FaultProxy proxy;
  private final S3Client s3;
  private final List<String> rows = new ArrayList<>();

  private ExtensionBenchmark(FaultProxy proxy, S3Client s3) {
    this.proxy = proxy;
    this.s3 = s3;
  }

  public static void main(String[] args) throws Exception {
    int coldStarts = Integer.getInteger("bench.coldStarts", 15);
    try (MotoServer moto = MotoServer.start();
        FaultProxy proxy = new FaultProxy(moto.endpoint());
        S3Client s3 = S3.client(moto.endpoint())) {
      s3.createBucket(b -> b.bucket(BUCKET));
      ExtensionBenchmark bench = new ExtensionBenchmark(proxy, s3);
      String only =
          System.getProperty("bench.only", "init,coldstart,steady,puts,ingest,bursts,managed");
      Builds builds = Builds.load();
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
      if (only.contains("coldstart")) {
        bench.coldStarts(builds, Integer.getInteger("bench.coldStarts", 15));
      }
      if (only.contains("ingest")) {
        bench.ingest(builds, false);
        bench.ingest(builds, true);
      }
      if (only.contains("bursts")) {
        bench.bursts(builds, 10);
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

  /** This build's layer, the default function and options. */
  Sandbox start(boolean jre, Map<String, String> env) throws IOException {
    return start(
        new Builds.Build("this build", Environment.layer(jre), jre),
        new LambdaFunction("bench_fn", env),
        Limits.defaults());
  }

  static String runtime(boolean jre) {
    return jre
        ? "bundled Temurin 25 (-jre layer)"
        : "JDK " + System.getProperty("java.version") + " (plain layer)";
  }

  void initTime(boolean jre, int runs) throws IOException {
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      try (Sandbox sandbox = start(jre, env())) {
        ExtensionStats stats = sandbox.stats().get(0);
        wall.add((double) stats.initMs());
        cpu.add((double) stats.initCpuMs());
        sandbox.invoke(inv -> inv.log(LINE));
        sandbox.shutdown();
        rss.add(sandbox.stats().get(0).peakRssKb() / 1024.0);
      }
    }
    row(
        "init: process start to first /event/next, " + runtime(jre),
        "median "
            + fmt(median(wall))
            + " ms, p90 "
            + fmt(percentile(wall, 90))
            + " ms ("
            + runs
            + " cold starts)",
        "< 400 ms with the bundled runtime");
    row(
        "init CPU time (user + system), " + runtime(jre),
        "median " + fmt(median(cpu)) + " ms, p90 " + fmt(percentile(cpu, 90)) + " ms",
        "as low as it goes: ×14 on a 128 MB function");
    row(
        "peak RSS after one invocation, " + runtime(jre),
        "median " + fmt(median(rss)) + " MB",
        "< 64 MB");
  }

  void steady(int invocations) throws IOException {
    List<Double> post;
    try (Sandbox sandbox = start(false, env())) {
      post = postRuntime(sandbox, invocations);
      row(
          "peak RSS over " + invocations + " invocations of 10 lines, " + runtime(false),
          fmt(sandbox.stats().get(0).peakRssKb() / 1024.0) + " MB",
          "< 64 MB");
    }
    row(
        "post-runtime time added per invocation, no batch due (" + invocations + " invocations)",
        "p50 " + fmt(median(post)) + " ms, p99 " + fmt(percentile(post, 99)) + " ms",
        "p99 < 2 ms");
    // the floor: the same loop with an extension that does nothing but call event/next
    Path probe = Files.createTempDirectory("probe-");
    Map<String, String> env =
        Map.of(
            "PROBE_OUT",
            probe.resolve("deliveries").toString(),
            "PROBE_BUFFERING",
            "{\"timeoutMs\":100}");
    try (Sandbox sandbox =
        Sandbox.start(
            ProbeExtension.layer(probe.resolve("layer")),
            new LambdaFunction("bench_fn", env),
            Limits.defaults())) {
      if (!sandbox.initResult().ok()) {
        throw new IllegalStateException(
            "the probe extension did not start: " + sandbox.extensionOutput());
      }
      List<Double> floor = postRuntime(sandbox, invocations);
      row(
          "the same, with a do-nothing extension (the emulator's and the machine's floor)",
          "p50 " + fmt(median(floor)) + " ms, p99 " + fmt(percentile(floor, 99)) + " ms",
          "");
    }
  }

  private static List<Double> postRuntime(Sandbox sandbox, int invocations) {
    List<Double> post = new ArrayList<>();
    for (int i = 0; i < invocations; i++) {
      post.add(
          sandbox
              .invoke(
                  inv -> {
                    for (int l = 0; l < 10; l++) {
                      inv.log(LINE);
                    }
                  })
              .postRuntimeMs());
    }
    sandbox.shutdown();
    return post;
  }

  /**
   * At one invocation a second and the default 60 s interval, time-scaled by 10 to fit a benchmark
   * run: one invocation every 100 ms with a 6 s interval keeps the ratio, and so the PUTs per
   * invocation.
   */
  void putsPerThousandInvocations() throws Exception {
    proxy.resetCounts();
    try (Sandbox sandbox = start(false, env("LAMBDALOGS_FLUSH_INTERVAL_S", "6"))) {
      long next = System.nanoTime();
      for (int i = 0; i < 1_000; i++) {
        sandbox.invoke(
            inv -> {
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
    row(
        "S3 PUTs per 1,000 invocations at one a second, default 60 s interval (time-scaled ×10)",
        proxy.count("forwarded") + " PUTs",
        "≤ 20");
  }

  /** Lines logged as fast as the function can, until the extension has taken them all in. */
  /**
   * Managed Instances: {@code concurrency} threads, each running invocations one after another,
   * every invocation logging {@code lines} JSON lines; from the first invocation until the
   * extension has written everything and exited. Lines lost: logged and not in the archive.
   */
  void managedInstances(int concurrency, int invocationsPerThread, int lines) throws Exception {
    List<Double> rates = new ArrayList<>();
    long lost = 0;
    double rss = 0;
    long total = (long) concurrency * invocationsPerThread * lines;
    for (int run = 0; run < 3; run++) {
      String prefix = "managed-" + concurrency + "-" + run + "/";
      try (Sandbox sandbox =
          Sandbox.start(
              Environment.layer(false),
              LambdaFunction.managedInstances("bench_fn", env("LAMBDALOGS_PREFIX", prefix)),
              Limits.defaults())) {
        if (!sandbox.initResult().ok()) {
          throw new IllegalStateException("init failed: " + sandbox.extensionOutput());
        }
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
          Thread thread =
              new Thread(
                  () -> {
                    for (int i = 0; i < invocationsPerThread; i++) {
                      sandbox.invoke(
                          inv -> {
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
    row(
        "Managed Instances, concurrency "
            + concurrency
            + ", "
            + total
            + " JSON lines of ~"
            + (LINE.length() + 150)
            + " bytes, JDK 17 (plain layer), 3 runs",
        "median "
            + fmt(median(rates) / 1000)
            + "k lines/s, peak RSS "
            + fmt(rss)
            + " MB, lines lost: "
            + lost,
        "0 lost, < 64 MB");
  }

  Sandbox start(Builds.Build build, LambdaFunction function, Limits options) throws IOException {
    if (build.jre()) {
      function.environment().remove("LAMBDALOGS_JAVA");
    }
    Sandbox sandbox = Sandbox.start(build.layer(), function, options);
    if (!sandbox.initResult().ok()) {
      throw new IllegalStateException("init failed: " + sandbox.extensionOutput());
    }
    return sandbox;
  }

  /**
   * Cold starts of each build, runs interleaved: the extension's CPU from its process's start to
   * its first /event/next, then over the first 50 invocations of 20 lines each.
   */
  void coldStarts(Builds builds, int runs) throws IOException {
    Map<Builds.Build, List<Double>> init = new LinkedHashMap<>();
    Map<Builds.Build, List<Double>> invocations = new LinkedHashMap<>();
    for (int run = 0; run < runs; run++) {
      for (Builds.Build build : builds.all()) {
        try (Sandbox sandbox =
            start(build, new LambdaFunction("bench_fn", env()), Limits.defaults())) {
          long initCpu = sandbox.stats().get(0).initCpuMs();
          for (int i = 0; i < 50; i++) {
            sandbox.invoke(
                inv -> {
                  for (int l = 0; l < 20; l++) {
                    inv.log(LINE);
                  }
                });
          }
          init.computeIfAbsent(build, b -> new ArrayList<>()).add((double) initCpu);
          invocations
              .computeIfAbsent(build, b -> new ArrayList<>())
              .add((double) (cpu(sandbox) - initCpu));
          sandbox.shutdown();
        }
      }
    }
    for (Builds.Build build : builds.all()) {
      row(
          "init CPU, " + build.label() + " (" + runs + " cold starts)",
          "median " + fmt(median(init.get(build))) + " ms" + ratio(builds, build, init),
          "bundled: ≤ 60% of before");
      row(
          "CPU of the first 50 invocations of 20 lines, " + build.label(),
          "median "
              + fmt(median(invocations.get(build)))
              + " ms"
              + ratio(builds, build, invocations),
          "≤ 70% of before");
    }
  }

  /** "; N× before" when an earlier build of the same variant was measured in the same run. */
  private static String ratio(
      Builds builds, Builds.Build build, Map<Builds.Build, List<Double>> values) {
    for (Builds.Build other : builds.all()) {
      if (other != build && other.jre() == build.jre() && !build.name().equals("before")) {
        return ", " + fmt(median(values.get(build)) / median(values.get(other))) + "× before";
      }
    }
    return "";
  }

  /**
   * How fast the extension takes events in when the platform has plenty waiting: 200,000 lines are
   * logged while the environment is frozen (the platform holds them), then one invocation thaws it
   * and lasts until the platform has delivered them all. Accepted: from the thaw until the last
   * delivery was answered; written: until the extension had written everything to S3 and exited. 3
   * runs per build.
   *
   * @param varied lines that differ as real ones do (ids, numbers), rather than one line again and
   *     again, which compresses to almost nothing for almost no CPU
   */
  void ingest(Builds builds, boolean varied) throws Exception {
    int lines = 200_000;
    List<String> logged = new ArrayList<>(lines);
    Random random = new Random(1);
    for (int l = 0; l < lines; l++) {
      logged.add(varied ? variedLine(random) : LINE);
    }
    long bytes =
        logged.stream()
            .mapToLong(line -> line.length() + 60)
            .sum(); // each event's JSON as delivered
    for (Builds.Build build : builds.all()) {
      List<Double> accepted = new ArrayList<>();
      List<Double> written = new ArrayList<>();
      List<Double> cpuPer10k = new ArrayList<>();
      double rss = 0;
      long lost = 0;
      for (int run = 0; run < 3; run++) {
        String prefix =
            "ingest-"
                + (varied ? "varied-" : "")
                + build.jre()
                + "-"
                + build.name().replace(' ', '-')
                + "-"
                + run
                + "/";
        try (Sandbox sandbox =
            start(
                build,
                new LambdaFunction("bench_fn", env("LAMBDALOGS_PREFIX", prefix)),
                Limits.defaults())) {
          sandbox.invoke(inv -> inv.log("warm up"));
          long target = sandbox.eventsDelivered() + lines;
          for (String line : logged) {
            sandbox.logOutsideInvocation(line);
          }
          long cpuBefore = cpu(sandbox);
          long started = System.nanoTime();
          sandbox.invoke(inv -> awaitDelivered(sandbox, target));
          accepted.add(bytes / ((System.nanoTime() - started) / 1e9) / 1e6);
          sandbox.shutdown(); // returns once the extension has written everything and exited
          written.add(bytes / ((System.nanoTime() - started) / 1e9) / 1e6);
          cpuPer10k.add((cpu(sandbox) - cpuBefore) * 10_000.0 / lines);
          rss = Math.max(rss, sandbox.stats().get(0).peakRssKb() / 1024.0);
        }
        lost += lines + 1 - Archive.read(s3, BUCKET, prefix).functionLines().size();
      }
      row(
          "ingest of 200,000 "
              + (varied ? "varied" : "identical")
              + " lines of ~"
              + bytes / lines
              + " bytes waiting in the platform, "
              + build.label(),
          "accepted median "
              + fmt(median(accepted))
              + " MB/s, written to S3 and exited "
              + fmt(median(written))
              + " MB/s; CPU per 10,000 lines "
              + fmt(median(cpuPer10k))
              + " ms; peak RSS "
              + fmt(rss)
              + " MB; lines lost "
              + lost,
          "≥ 60 MB/s, < 64 MB, 0 lost");
    }
  }

  /** A line as a service logs it: the same words, other ids and numbers each time. */
  static String variedLine(Random random) {
    return "2026-11-24T10:00:00."
        + (100 + random.nextInt(900))
        + "Z INFO request handled: GET /orders/"
        + random.nextInt(100_000)
        + " status="
        + (random.nextInt(20) == 0 ? 500 : 200)
        + " duration_ms="
        + random.nextInt(900)
        + " user=u-"
        + random.nextInt(10_000)
        + " trace="
        + Long.toHexString(random.nextLong());
  }

  /** Polls every millisecond (a timing, not a test's wait); gives up after a minute. */
  private static void awaitDelivered(Sandbox sandbox, long events) throws InterruptedException {
    long giveUp = System.nanoTime() + 60_000_000_000L;
    while (sandbox.eventsDelivered() < events) {
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException(
            "the platform delivered "
                + sandbox.eventsDelivered()
                + " of "
                + events
                + " events in a minute");
      }
      Thread.sleep(1);
    }
  }

  /**
   * The platform's buffer per subscriber in the burst benchmark, in MiB: see docs/benchmarks.md.
   */
  static final int BURST_PLATFORM_BUFFER_MIB = Integer.getInteger("bench.platformBufferMiB", 8);

  /**
   * Three bursts of 20,000 JSON-format lines, each written within 100 ms (about 40 MB/s), one after
   * the other in one invocation, with a platform that holds {@link #BURST_PLATFORM_BUFFER_MIB} for
   * the extension and drops the rest (saying so with platform.logsDropped). Each build {@code runs}
   * times, interleaved.
   */
  void bursts(Builds builds, int runs) throws Exception {
    Map<String, List<Long>> dropped = new LinkedHashMap<>();
    Map<String, Long> lost = new HashMap<>();
    List<Double> burstMs = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      for (Builds.Build build : builds.all()) {
        String prefix =
            "bursts-" + build.jre() + "-" + build.name().replace(' ', '-') + "-" + run + "/";
        try (Sandbox sandbox =
            start(build, burstFunction(env("LAMBDALOGS_PREFIX", prefix)), burstOptions())) {
          burstMs.addAll(bursts(sandbox));
          dropped
              .computeIfAbsent(build.label(), b -> new ArrayList<>())
              .add(sandbox.droppedByPlatform());
        }
        lost.merge(
            build.label(),
            60_000L - Archive.read(s3, BUCKET, prefix).functionLines().size(),
            Long::sum);
      }
    }
    dropped.forEach(
        (what, drops) ->
            row(
                "3 bursts of 20,000 JSON lines, each within 100 ms (median "
                    + fmt(median(burstMs))
                    + " ms), platform buffer "
                    + BURST_PLATFORM_BUFFER_MIB
                    + " MiB, "
                    + what,
                drops.stream().filter(d -> d > 0).count()
                    + " of "
                    + runs
                    + " runs with drops, "
                    + drops.stream().mapToLong(Long::longValue).sum()
                    + " lines dropped by the platform"
                    + ", "
                    + lost.get(what)
                    + " not archived",
                "0 dropped in 10 runs"));
  }

  private static LambdaFunction burstFunction(Map<String, String> env) {
    return new LambdaFunction(
        "bench_fn", new HashMap<>(env), LogFormat.JSON, 128, "us-east-1", Mode.ON_DEMAND);
  }

  private static Limits burstOptions() {
    Limits defaults = Limits.defaults();
    return new Limits(
        (long) BURST_PLATFORM_BUFFER_MIB << 20,
        defaults.shutdownDeadlineMs(),
        defaults.initTimeoutMs(),
        defaults.invokeTimeoutMs());
  }

  /**
   * One invocation with the three bursts, then shutdown; returns how long each burst took to write.
   */
  private static List<Double> bursts(Sandbox sandbox) {
    List<Double> took = new ArrayList<>();
    sandbox.invoke(
        inv -> {
          for (int burst = 0; burst < 3; burst++) {
            took.add(burst(inv));
          }
        });
    sandbox.shutdown();
    return took;
  }

  /** 20,000 lines in 10 slices of 2,000, one slice every 10 ms; returns how long it took. */
  private static double burst(Invocation inv) throws InterruptedException {
    long start = System.nanoTime();
    for (int slice = 0; slice < 10; slice++) {
      long due = start + slice * 10_000_000L;
      long wait = (due - System.nanoTime()) / 1_000_000;
      if (wait > 0) {
        Thread.sleep(wait);
      }
      for (int l = 0; l < 2_000; l++) {
        inv.log(BURST_LINE);
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /** With the JSON format's fields around it, about 200 bytes as delivered. */
  static final String BURST_LINE = "GET /orders/12345 status=200 duration_ms=12 user=u-42";

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
