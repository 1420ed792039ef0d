// The arm64 -jre layer's init under qemu-user, beside the x86_64 -jre layer's natively, for the
// record
// (emulation is no speed figure: it shows the arm64 runtime starts and how much work it does):
//   ./mvnw -q install -DskipTests
//   ./lambdalogs layer build --jre -o /tmp/now/layer-jre.zip
//   ./lambdalogs layer build --jre --arch arm64 -o /tmp/now/layer-jre-arm64.zip
//   java -cp cli/target/lambdalogs.jar e2e/bench/Arm64Init.java RUNS /tmp/now/layer-jre.zip \
//     /tmp/now/layer-jre-arm64.zip cli/target/jre-arm64.sysroot
// Each run: a cold start in the sandbox emulator, init time (start to first /event/next) and the
// CPU
// of the process by then, as the sandbox reads them from /proc (10 ms ticks).
import dev.lambdalogs.cli.layer.Layer;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.ExtensionStats;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

public class Arm64Init {
  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    Path work = Files.createTempDirectory("arm64init");
    Path x86 = unzip(Path.of(args[1]), work.resolve("x86"));
    Path arm = unzip(Path.of(args[2]), work.resolve("arm"));
    Path qemu = work.resolve("java-under-qemu");
    Files.writeString(
        qemu,
        "#!/bin/sh\nexec qemu-aarch64-static -L '"
            + Path.of(args[3]).toAbsolutePath()
            + "' '"
            + arm.resolve("lambdalogs/jre/bin/java")
            + "' \"$@\"\n");
    qemu.toFile().setExecutable(true);
    List<ExtensionStats> native_ = new ArrayList<>();
    List<ExtensionStats> emulated = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      native_.add(init(x86, x86.resolve("lambdalogs/jre/bin/java")));
      emulated.add(init(arm, qemu));
    }
    print("x86_64 -jre, native", native_);
    print("arm64 -jre, under qemu-aarch64-static", emulated);
  }

  static Path unzip(Path zip, Path into) throws Exception {
    Layer.unzip(Files.readAllBytes(zip), into);
    return into;
  }

  static ExtensionStats init(Path layer, Path java) throws Exception {
    Map<String, String> env =
        Map.of(
            "LAMBDALOGS_LOCAL_DIR",
            Files.createTempDirectory("arm64init-out").toString(),
            "LAMBDALOGS_JAVA",
            java.toString());
    try (Sandbox sandbox =
        Sandbox.start(
            layer,
            new LambdaFunction("bench_fn", env),
            new Limits(64L << 20, 60_000, 120_000, 120_000))) {
      if (!sandbox.initResult().ok()) {
        throw new IllegalStateException(String.join("\n", sandbox.extensionOutput()));
      }
      return sandbox.stats().get(0);
    }
  }

  static void print(String name, List<ExtensionStats> stats) {
    System.out.printf(
        "%-40s init median %6d ms   CPU by then median %6d ms   (%d runs)%n",
        name,
        median(stats.stream().map(ExtensionStats::initMs).toList()),
        median(stats.stream().map(ExtensionStats::initCpuMs).toList()),
        stats.size());
  }

  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
