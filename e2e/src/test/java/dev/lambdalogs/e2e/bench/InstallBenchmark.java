package dev.lambdalogs.e2e.bench;

import dev.lambdalogs.e2e.support.Account;
import dev.lambdalogs.e2e.support.CliJar;
import dev.lambdalogs.e2e.support.FaultProxy;
import dev.lambdalogs.e2e.support.MotoServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * install on 50 functions, with the layer already published, against moto's server: the lambdalogs
 * CLI (a separate JVM, as users run it) beside a plain sequential loop of {@code aws lambda
 * update-function-configuration} over the same functions. Requests are counted by a proxy in front
 * of moto. Run with {@code ./mvnw -Pbenchmark verify -DskipTests -Dbench.only=install}.
 */
public final class InstallBenchmark {
  static final int FUNCTIONS = 50;
  static final int RUNS = 3;

  private InstallBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = CliJar.path();
    requireAwsCli();
    List<Double> ours = new ArrayList<>();
    List<Double> loop = new ArrayList<>();
    List<String> requests = List.of();
    try (MotoServer moto = MotoServer.start();
        FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      for (int run = 0; run < RUNS; run++) {
        String layer = fleet(moto, jar);
        loop.add(
            time(
                () -> {
                  for (int i = 0; i < FUNCTIONS; i++) {
                    exec(
                        List.of(
                            "aws",
                            "lambda",
                            "update-function-configuration",
                            "--function-name",
                            "bench_" + i,
                            "--layers",
                            layer,
                            "--environment",
                            "Variables={LAMBDALOGS_BUCKET=lambdalogs-123456789012-us-east-1,"
                                + "LAMBDALOGS_PREFIX=lambda-logs/}",
                            "--endpoint-url",
                            moto.endpoint().toString(),
                            "--region",
                            "us-east-1",
                            "--output",
                            "text",
                            "--query",
                            "FunctionName"));
                  }
                }));
        fleet(moto, jar);
        proxy.resetCounts();
        ours.add(
            time(
                () ->
                    exec(
                        List.of(
                            javaBin(),
                            "-jar",
                            jar.toString(),
                            "install",
                            "--function-regex",
                            "^bench_",
                            "-q",
                            "--endpoint-url",
                            proxy.endpoint().toString(),
                            "--region",
                            "us-east-1"))));
        requests = proxy.requests();
      }
    }
    long mutating = requests.stream().filter(InstallBenchmark::mutating).count();
    double median = median(ours);
    double loopMedian = median(loop);
    String table =
        "| what | measured |\n|---|---|\n"
            + "| `lambdalogs install` on "
            + FUNCTIONS
            + " functions, layer already published ("
            + RUNS
            + " runs) | median "
            + fmt(median)
            + " s |\n"
            + "| sequential `aws lambda update-function-configuration` over the same functions | median "
            + fmt(loopMedian)
            + " s |\n"
            + "| ratio | "
            + fmt(loopMedian / median)
            + "× faster (target ≥ 10×) |\n"
            + "| AWS requests per function | "
            + fmt(requests.size() / (double) FUNCTIONS)
            + " in all, "
            + fmt(mutating / (double) FUNCTIONS)
            + " mutating (target ≤ 4) |\n";
    System.out.println(table);
    System.out.println("requests by kind: " + byKind(requests));
    Path out = Path.of(System.getProperty("bench.out", "target/benchmark-install.md"));
    Files.writeString(out, table);
  }

  /**
   * Fresh functions (moto reset), the bucket and the layer in place; returns the layer version's
   * ARN.
   */
  private static String fleet(MotoServer moto, Path jar) throws Exception {
    moto.reset();
    try (Account account = new Account(moto.endpoint())) {
      String role = account.role("bench-role");
      for (int i = 0; i < FUNCTIONS; i++) {
        account.function(
            "bench_" + i, "java21", "x86_64", role, Map.of("APP", "bench"), List.of(), Map.of());
      }
      account.function("bench_seed", "java21", "x86_64", role, Map.of(), List.of(), Map.of());
      exec(
          List.of(
              javaBin(),
              "-jar",
              jar.toString(),
              "install",
              "-f",
              "bench_seed",
              "-q",
              "--endpoint-url",
              moto.endpoint().toString(),
              "--region",
              "us-east-1"));
      String layer = account.layersOf("bench_seed").get(0);
      account.lambda.deleteFunction(b -> b.functionName("bench_seed"));
      return layer;
    }
  }

  static boolean mutating(String request) {
    return request.startsWith("PUT ")
        || request.startsWith("DELETE ")
        || request.startsWith("POST /2018-10-31/layers")
        || request.contains("Action=Put")
        || request.contains("Action=Delete")
        || request.contains("Action=Create");
  }

  static Map<String, Long> byKind(List<String> requests) {
    Map<String, Long> kinds = new java.util.TreeMap<>();
    for (String r : requests) {
      String kind =
          r.replaceAll("/functions/[^/ ]+", "/functions/NAME")
              .replaceAll(" HTTP/1\\.1", "")
              .replaceAll("\\?.*? ", " ")
              .replaceAll("\\?.*$", "");
      kinds.merge(kind, 1L, Long::sum);
    }
    return kinds;
  }

  private static void requireAwsCli() {
    try {
      exec(List.of("aws", "--version"));
    } catch (Exception e) {
      throw new IllegalStateException(
          "this benchmark compares with the AWS CLI: install it (apt-get install awscli)", e);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void exec(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    builder.environment().put("AWS_PAGER", "");
    File log = Files.createTempFile("bench-", ".log").toFile();
    Process process = builder.redirectOutput(log).start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command + " failed: " + Files.readString(log.toPath()));
    }
  }

  interface Work {
    void run() throws Exception;
  }

  private static double time(Work work) throws Exception {
    long started = System.nanoTime();
    work.run();
    return (System.nanoTime() - started) / 1e9;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  static String fmt(double value) {
    return String.format("%.2f", value);
  }
}
