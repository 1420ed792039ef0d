package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ./lambdalogs, the launcher of the CLI in a checkout. */
class LambdalogsScriptTest {
  @Test
  void runsTheBuiltCliWithItsClassDataArchiveAccepted() throws Exception {
    Path repo = Path.of(System.getProperty("lambdalogs.repo", ".")).toAbsolutePath().normalize();
    ProcessBuilder builder = new ProcessBuilder(repo.resolve("lambdalogs").toString(), "--version").redirectErrorStream(true);
    // -Xshare:on makes the JVM fail, instead of quietly starting slower, when it refuses the archive
    // (it did once: the script touched the jar after a build, and the JVM refuses an archive for a changed jar)
    builder.environment().put("JAVA_TOOL_OPTIONS", "-Xshare:on");
    Process run = builder.start();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(run.getInputStream().readAllBytes());
    assertThat(run.exitValue()).as(out).isZero();
    assertThat(out).contains("lambdalogs 0.1.0").doesNotContain("building the CLI");
  }
}
