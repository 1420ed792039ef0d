package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.cli.layer.Layer;
import dev.lambdalogs.e2e.support.Archive;
import dev.lambdalogs.e2e.support.CliJar;
import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.e2e.support.ProxiedS3;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arm64 -jre layer, built on this x86_64 machine: its files are aarch64 and ask for no glibc
 * newer than Amazon Linux 2023's, and its extension, run through qemu-user in the sandbox, ships
 * every line. Emulated, the JVM takes seconds to start: the limits are long, and nothing here is a
 * speed figure.
 */
class Arm64LayerTest {
  static final String BUCKET = "arm64-logs";
  static final Pattern GLIBC = Pattern.compile("GLIBC_2\\.(\\d+)");

  @RegisterExtension static final ProxiedS3 servers = new ProxiedS3(BUCKET);
  @TempDir static Path dir;
  static Path layer;

  @BeforeAll
  static void unzip() throws IOException {
    layer = dir.resolve("layer");
    Layer.unzip(Layer.build(Layer.Bundle.JRE_ARM64).bytes(), layer);
  }

  /** What binutils' aarch64 readelf says of a file (the build installs it). */
  static String readelf(String option, Path file) throws Exception {
    Process p =
        new ProcessBuilder("aarch64-linux-gnu-readelf", option, "--wide", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void everyNativeFileIsAarch64AndNeedsNoGlibcNewerThan234() throws Exception {
    List<Path> natives = new ArrayList<>();
    try (Stream<Path> files = Files.walk(layer.resolve("lambdalogs/jre"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(file)) {
          if (in.read(head) == 4
              && head[0] == 0x7f
              && head[1] == 'E'
              && head[2] == 'L'
              && head[3] == 'F') {
            natives.add(file);
          }
        }
      }
    }
    assertThat(natives)
        .extracting(f -> f.getFileName().toString())
        .contains("java", "libjvm.so", "libz.so.1");
    for (Path file : natives) {
      assertThat(readelf("-h", file)).as(file.toString()).contains("AArch64");
      Matcher m = GLIBC.matcher(readelf("-V", file));
      while (m.find()) {
        assertThat(Integer.parseInt(m.group(1)))
            .as(file + " needs " + m.group())
            .isLessThanOrEqualTo(34);
      }
    }
  }

  @Test
  void underQemuTheExtensionShipsEveryLineAndStopsCleanly() throws Exception {
    Path sysroot = CliJar.path().resolveSibling("jre-arm64.sysroot");
    assertThat(sysroot)
        .as("the build's arm64 sysroot, to run the runtime under qemu")
        .isDirectory();
    Path java = dir.resolve("java-under-qemu");
    Files.writeString(
        java,
        "#!/bin/sh\nexec qemu-aarch64-static -L '"
            + sysroot
            + "' '"
            + layer.resolve("lambdalogs/jre/bin/java")
            + "' \"$@\"\n");
    java.toFile().setExecutable(true);
    Map<String, String> env =
        Environment.with(
            Environment.s3(servers.moto().endpoint(), BUCKET), "LAMBDALOGS_JAVA", java.toString());
    List<String> logged;
    try (Sandbox sandbox =
        Sandbox.start(
            layer,
            new LambdaFunction("arm64_fn", env),
            new Limits(64L << 20, 60_000, 120_000, 120_000))) {
      assertThat(sandbox.initResult().ok())
          .as(String.join("\n", sandbox.extensionOutput()))
          .isTrue();
      logged = Environment.invokeLogging(sandbox, 5, "arm64 line of");
      assertThat(sandbox.stats().get(0).executable())
          .as("the process the launcher became")
          .contains("qemu-aarch64");
      ShutdownResult result = sandbox.shutdown();
      assertThat(result.exitCodes())
          .as(String.join("\n", sandbox.extensionOutput()))
          .containsEntry("lambdalogs", 0);
      assertThat(result.killed()).isEmpty();
    }
    Archive.read(servers.client(), BUCKET, "lambda-logs/")
        .assertLayout("arm64_fn")
        .assertFunctionLines(logged);
  }

  @Test
  void onTheWrongArchitectureTheLauncherFailsInitSayingWhichLayerIsNeeded() throws Exception {
    Map<String, String> env =
        new java.util.HashMap<>(Environment.s3(servers.moto().endpoint(), BUCKET));
    env.remove(
        "LAMBDALOGS_JAVA"); // the layer's own runtime, as in Lambda: arm64, on this x86_64 machine
    try (Sandbox sandbox =
        Sandbox.start(layer, new LambdaFunction("wrong_arch_fn", env), Limits.defaults())) {
      assertThat(sandbox.initResult().ok()).isFalse();
      assertThat(sandbox.initResult().errorType()).isEqualTo("Extension.Crash");
      assertThat(String.join("\n", sandbox.extensionOutput()))
          .contains("this layer's Java runtime is for arm64, and the function runs on x86_64")
          .contains("lambdalogs install picks it");
    }
  }
}
