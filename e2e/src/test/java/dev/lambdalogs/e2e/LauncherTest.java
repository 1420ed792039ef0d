package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import dev.lambdalogs.sandbox.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer's launcher picks its JVM in the documented order, from wherever the layer is unzipped.
 */
class LauncherTest {
  static final Path THIS_JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  @TempDir Path archive;

  Map<String, String> env(String... keysAndValues) {
    Map<String, String> env = new HashMap<>(Map.of("LAMBDALOGS_LOCAL_DIR", archive.toString()));
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return env;
  }

  /** Runs one invocation and returns the program the extension process ran. */
  String runOnce(boolean withJre, Map<String, String> env) throws Exception {
    try (Sandbox sandbox =
        Sandbox.start(
            Environment.layer(withJre), new LambdaFunction("fn", env), Limits.defaults())) {
      assertThat(sandbox.initResult().ok())
          .as(String.join("\n", sandbox.extensionOutput()))
          .isTrue();
      sandbox.invoke(invocation -> invocation.log("hello"));
      ShutdownResult result = sandbox.shutdown();
      assertThat(result.exitCodes()).containsEntry("lambdalogs", 0);
      return sandbox.stats().get(0).executable();
    }
  }

  @Test
  void theJreVariantRunsOnItsOwnRuntime() throws Exception {
    String java = runOnce(true, env("PATH", "/nonexistent"));
    assertThat(java)
        .startsWith(Environment.layer(true).resolve("lambdalogs/jre/bin").toRealPath().toString());
  }

  @Test
  void lambdalogsJavaComesFirst() throws Exception {
    String java = runOnce(true, env("LAMBDALOGS_JAVA", THIS_JAVA.toString()));
    assertThat(Path.of(java)).isEqualTo(THIS_JAVA.toRealPath());
  }

  @Test
  void thePlainLayerUsesJavaOnThePath() throws Exception {
    String java = runOnce(false, env("PATH", THIS_JAVA.getParent() + ":/usr/bin:/bin"));
    assertThat(Path.of(java)).isEqualTo(THIS_JAVA.toRealPath());
  }

  @Test
  void withNoJvmAtAllInitFailsAndSaysWhatToDo() throws Exception {
    try (Sandbox sandbox =
        Sandbox.start(
            Environment.layer(false),
            new LambdaFunction("fn", env("PATH", "/nonexistent")),
            Limits.defaults())) {
      assertThat(sandbox.initResult().ok()).isFalse();
      assertThat(sandbox.initResult().errorType()).isEqualTo("Extension.Crash");
      awaitOutput(sandbox, "no Java 17+ runtime found");
      assertThat(String.join("\n", sandbox.extensionOutput())).contains("-jre variant");
    }
  }

  /**
   * A function whose OS lacks a library the layer's runtime needs (here librt, hidden in a mount
   * namespace of the extension's own; on arm64 it would be libstdc++ or libgcc_s): init fails, and
   * the line names the library and what to do, not the JVM launcher's bare "dl failure".
   */
  @Test
  void whenTheFunctionsOsLacksALibraryOfTheRuntimeInitFailsNamingIt(@TempDir Path layer)
      throws Exception {
    Path jreLayer = Environment.layer(true);
    String librt = resolved(jreLayer.resolve("lambdalogs/jre/lib/server/libjvm.so"), "librt.so.1");
    Files.createSymbolicLink(layer.resolve("lambdalogs"), jreLayer.resolve("lambdalogs"));
    Path launcher = Files.createDirectories(layer.resolve("bin")).resolve("lambdalogs");
    Files.copy(jreLayer.resolve("extensions/lambdalogs"), launcher);
    Path hiding = Files.createDirectories(layer.resolve("extensions")).resolve("lambdalogs");
    Files.writeString(
        hiding,
        "#!/bin/sh\nexec unshare -m sh -c 'mount --bind /dev/null \"$1\" && exec \"$2\"' - '"
            + librt
            + "' '"
            + launcher
            + "'\n");
    hiding.toFile().setExecutable(true);
    try (Sandbox sandbox =
        Sandbox.start(layer, new LambdaFunction("fn", env()), Limits.defaults())) {
      assertThat(sandbox.initResult().ok()).isFalse();
      assertThat(sandbox.initResult().errorType()).isEqualTo("Extension.Crash");
      awaitOutput(sandbox, "cannot load on this function's OS");
      assertThat(String.join("\n", sandbox.extensionOutput()))
          .contains(librt)
          .contains("add a layer that puts the missing library in lib/");
    }
  }

  /** Where the loader finds {@code library} for {@code file}, as `ldd` would say. */
  static String resolved(Path file, String library) throws Exception {
    Process p =
        new ProcessBuilder("/lib64/ld-linux-x86-64.so.2", "--list", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Matcher m = Pattern.compile(Pattern.quote(library) + " => (\\S+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(1);
  }

  /** The output pump may trail the process's exit. */
  static void awaitOutput(Sandbox sandbox, String text) throws InterruptedException {
    Await.until(
        "the extension to print: " + text,
        () -> String.join("\n", sandbox.extensionOutput()).contains(text));
  }
}
