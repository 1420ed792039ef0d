package dev.lambdalogs.cli.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build of the -jre variant's runtime fails, saying what to install, rather than skipping it.
 */
class BuildJreTest {
  /** The module's own script, from the module's folder, where the build runs its tests. */
  static final Path SCRIPT = Path.of("src/jre/build-jre.sh").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void aJdkThatIsNotTemurin25FailsTheBuildAndSaysWhatToInstall() throws Exception {
    Path notAJdk = Files.createDirectories(dir.resolve("some-jdk/bin"));
    Files.writeString(notAJdk.resolve("jlink"), "#!/bin/sh\n");
    notAJdk.resolve("jlink").toFile().setExecutable(true);
    Path out = dir.resolve("jre");
    Process build =
        new ProcessBuilder(
                "sh", SCRIPT.toString(), out.toString(), dir.resolve("some-jdk").toString())
            .redirectErrorStream(true)
            .start();
    assertThat(build.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String said = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(build.exitValue()).as(said).isEqualTo(1);
    assertThat(said)
        .contains(
            "no Temurin 25 JDK at " + dir.resolve("some-jdk"), "temurin-25-jdk", "-Djre.jdk=PATH");
    assertThat(out).doesNotExist();
  }
}
