// Init CPU to the microsecond, with perf stat (the sandbox's own figure counts in 10 ms ticks):
//   ./mvnw -q install -DskipTests
//   java -cp cli/target/lambdalogs.jar e2e/bench/InitCpu.java RUNS NAME=LAYER.zip ...
// For each layer, RUNS cold starts in the sandbox emulator, each measured from the JVM's start to
// its
// first /event/next (then the JVM is killed); beside each, an empty main() on the same JVM with the
// launcher's own flags. -Dinvocations=50 measures init and the first 50 invocations of 20 lines
// instead.
// Needs perf (Debian: linux-perf). The plain layer runs on this tool's own java.
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class InitCpu {
  static final int INVOCATIONS = Integer.getInteger("invocations", 0);
  static final String MAIN = "dev.lambdalogs.extension.Main";

  /**
   * Runs the launcher's JVM under perf stat; with EMPTY_CP, an empty main in place of the
   * extension.
   */
  static final String WRAPPER =
      """
      #!/bin/bash
      if [ -n "${EMPTY_CP:-}" ]; then set -- "${@:1:$#-3}" -cp "$EMPTY_CP" Empty; fi
      exec perf stat -x, -e task-clock -o "$PERF_OUT" "$REAL_JAVA" "$@"
      """;

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("initcpu");
    Path wrapper = work.resolve("java-under-perf");
    Files.writeString(wrapper, WRAPPER);
    wrapper.toFile().setExecutable(true);
    Path empty = work.resolve("empty");
    Files.createDirectories(empty);
    Files.writeString(
        empty.resolve("Empty.java"),
        "public class Empty { public static void main(String[] a) {} }");
    if (javax.tools.ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "--release",
                "17",
                "-d",
                empty.toString(),
                empty.resolve("Empty.java").toString())
        != 0) {
      throw new IllegalStateException("could not compile the empty main");
    }
    Map<String, List<Double>> results = new LinkedHashMap<>();
    int runs = Integer.parseInt(args[0]);
    for (int run = 0; run < runs; run++) {
      for (int i = 1; i < args.length; i++) {
        String[] nameAndZip = args[i].split("=", 2);
        Path layer = unzipped(work, nameAndZip[1]);
        String java =
            Files.isExecutable(layer.resolve("lambdalogs/jre/bin/java"))
                ? layer.resolve("lambdalogs/jre/bin/java").toString()
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        results
            .computeIfAbsent(nameAndZip[0], k -> new ArrayList<>())
            .add(extension(layer, wrapper, java));
        results
            .computeIfAbsent(nameAndZip[0] + ", empty main", k -> new ArrayList<>())
            .add(emptyMain(layer, wrapper, java, empty));
      }
    }
    System.out.println(
        INVOCATIONS == 0
            ? "CPU from the JVM's start to the first /event/next (perf stat task-clock)"
            : "CPU of init and the first "
                + INVOCATIONS
                + " invocations of 20 lines (perf stat task-clock)");
    results.forEach(
        (name, ms) -> {
          Collections.sort(ms);
          System.out.printf(
              "%-40s median %6.1f ms   min %6.1f   max %6.1f   (%d runs)%n",
              name, ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1), ms.size());
        });
  }

  /** Unzipped with unzip(1), which keeps the zip's Unix modes, as Lambda does. */
  static Path unzipped(Path work, String zip) throws Exception {
    Path dir = work.resolve("layer-" + Integer.toHexString(zip.hashCode()));
    if (!Files.isDirectory(dir)
        && new ProcessBuilder("unzip", "-q", zip, "-d", dir.toString())
                .inheritIO()
                .start()
                .waitFor()
            != 0) {
      throw new IllegalStateException("could not unzip " + zip);
    }
    return dir;
  }

  static double extension(Path layer, Path wrapper, String java) throws Exception {
    Path out = Files.createTempFile("perf", ".txt");
    Path archive = Files.createTempDirectory("archive");
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "LAMBDALOGS_LOCAL_DIR",
                archive.toString(),
                "LAMBDALOGS_JAVA",
                wrapper.toString(),
                "REAL_JAVA",
                java,
                "PERF_OUT",
                out.toString()));
    try (Sandbox sandbox =
        Sandbox.start(layer, new LambdaFunction("bench_fn", env), Limits.defaults())) {
      if (!sandbox.initResult().ok()) {
        throw new IllegalStateException(
            "init failed: " + String.join("\n", sandbox.extensionOutput()));
      }
      for (int k = 0; k < INVOCATIONS; k++) {
        sandbox.invoke(
            invocation -> {
              for (int l = 0; l < 20; l++) {
                invocation.log("line " + l + " of a cold start benchmark invocation");
              }
            });
      }
      long events = INVOCATIONS * 26L; // 20 lines and 6 platform events each
      for (int wait = 0; wait < 500 && sandbox.eventsDelivered() < events; wait++) {
        Thread.sleep(10);
      }
      // perf reports what its child spent once the child is gone: kill the JVM, thaw it if frozen
      ProcessHandle.current()
          .descendants()
          .filter(p -> p.info().arguments().map(a -> List.of(a).contains(MAIN)).orElse(false))
          .filter(p -> !p.info().command().orElse("").endsWith("perf"))
          .forEach(ProcessHandle::destroyForcibly);
      new ProcessBuilder("pkill", "-CONT", "-f", MAIN).start().waitFor();
      return taskClock(out);
    }
  }

  static double emptyMain(Path layer, Path wrapper, String java, Path empty) throws Exception {
    Path out = Files.createTempFile("perf", ".txt");
    ProcessBuilder launcher =
        new ProcessBuilder("sh", layer.resolve("extensions/lambdalogs").toString()).inheritIO();
    launcher
        .environment()
        .putAll(
            Map.of(
                "LAMBDALOGS_JAVA",
                wrapper.toString(),
                "REAL_JAVA",
                java,
                "PERF_OUT",
                out.toString(),
                "EMPTY_CP",
                empty.toString()));
    if (launcher.start().waitFor() != 0) {
      throw new IllegalStateException("the empty main failed");
    }
    return taskClock(out);
  }

  /** perf writes a header first and the count at the end: waits for the count. */
  static double taskClock(Path out) throws Exception {
    for (int wait = 0; wait < 500; wait++) {
      for (String line : Files.readAllLines(out)) {
        if (line.contains("task-clock")) {
          return Double.parseDouble(line.split(",")[0]);
        }
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException(
        "perf stat wrote no task-clock to " + out + ": is perf installed (linux-perf)?");
  }
}
