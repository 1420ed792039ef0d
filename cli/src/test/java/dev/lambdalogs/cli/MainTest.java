package dev.lambdalogs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @Test
  void badUsageExitsWith2() {
    assertThat(Main.run("layer", "build", "--no-such-option")).isEqualTo(2);
    assertThat(Main.run("no-such-command")).isEqualTo(2);
  }

  @Test
  void layerBuildWritesTheZip(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve("layer.zip");
    assertThat(Main.run("layer", "build", "-o", zip.toString())).isZero();
    assertThat(Files.size(zip)).isPositive();
  }

  @Test
  void theDemoArchivesTheSampleFunctionsLogs(@TempDir Path dir) throws Exception {
    assertThat(Main.run("demo", "--dir", dir.toString())).isZero();
    try (var files = Files.walk(dir.resolve("archive"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".ndjson.gz"))).isNotEmpty();
    }
  }
}
