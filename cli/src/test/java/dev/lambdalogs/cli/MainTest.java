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
  void aFailureSaysWhatToDoAndExitsWith1(@TempDir Path dir) {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setErr(new java.io.PrintWriter(err));
    assertThat(
            cli.execute("layer", "build", "-o", dir.resolve("no/such/folder/layer.zip").toString()))
        .isEqualTo(1);
    assertThat(err.toString())
        .contains("lambdalogs: cannot write the layer to")
        .contains("choose another path");
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
