package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
      Thread.sleep(100); // the output pump may trail the exit
      assertThat(String.join("\n", sandbox.extensionOutput()))
          .contains("no Java 17+ runtime found")
          .contains("-jre variant");
    }
  }
}
