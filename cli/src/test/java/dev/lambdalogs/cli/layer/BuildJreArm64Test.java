package dev.lambdalogs.cli.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arm64 runtime (the -jre layer's, the aarch64 archive's) is the same bytes from two builds,
 * its CDS archive (dumped under qemu by a Java 17 whose dump races) included: the one this module's
 * build made, and one this test makes from scratch.
 */
class BuildJreArm64Test {
  static final Path SCRIPT = Path.of("src/jre/build-jre-arm64.sh").toAbsolutePath();
  static final Path CLASSLIST = Path.of("src/jre/classlist").toAbsolutePath();
  static final Path BUILT = Path.of("target/jre-arm64").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void twoBuildsMakeTheSameBytes() throws Exception {
    Path first = BUILT;
    Path second = build(dir.resolve("jre"));
    List<Path> files = files(first);
    assertThat(files).contains(Path.of("lib/server/classes.jsa")).isEqualTo(files(second));
    for (Path file : files) {
      assertThat(Files.mismatch(first.resolve(file), second.resolve(file)))
          .as("%s differs", file)
          .isEqualTo(-1);
    }
  }

  static Path build(Path out) throws Exception {
    Process build =
        new ProcessBuilder(
                "sh", SCRIPT.toString(), out.toString(), "java.base", CLASSLIST.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(build.waitFor(5, TimeUnit.MINUTES)).as(said).isTrue();
    assertThat(build.exitValue()).as(said).isZero();
    assertThat(said).as("the dump ran first-in first-out").doesNotContain("warning");
    return out;
  }

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
