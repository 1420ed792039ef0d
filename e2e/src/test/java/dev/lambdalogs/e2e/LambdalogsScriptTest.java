package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./lambdalogs, the launcher of the CLI in a checkout, run as a newcomer runs it. */
class LambdalogsScriptTest {
  static final Path REPO =
      Path.of(System.getProperty("lambdalogs.repo", ".")).toAbsolutePath().normalize();

  @Test
  void runsTheBuiltCliWithItsClassDataArchiveAccepted() throws Exception {
    // -Xshare:on makes the JVM fail, instead of quietly starting slower, when it refuses the
    // archive
    // (it did once: the script touched the jar after a build, and the JVM refuses an archive for a
    // changed jar)
    Result run = run(REPO, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"), "--version");
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("lambdalogs 0.1.0").doesNotContain("building the CLI");
  }

  /**
   * The README's first command, from another folder, with its default folder and with relative
   * ones.
   */
  @Test
  void theDemoRunsWithADefaultRelativeOrDotDotFolder(@TempDir Path cwd) throws Exception {
    for (List<String> args :
        List.<List<String>>of(
            List.of(), List.of("--dir", "demo-here"), List.of("--dir", "not-yet/../via-dots"))) {
      List<String> command = new ArrayList<>(List.of("demo"));
      command.addAll(args);
      Result run = run(cwd, Map.of(), command.toArray(String[]::new));
      assertThat(run.exit()).as(args + "\n" + run.output()).isZero();
      assertThat(run.output()).doesNotContain("\tat ").contains("Hello, Ada!");
      Path archive =
          cwd.resolve(args.isEmpty() ? "lambdalogs-demo" : args.get(1))
              .normalize()
              .resolve("archive");
      try (Stream<Path> files = Files.walk(archive)) {
        assertThat(files.filter(f -> f.toString().endsWith(".ndjson.gz")))
            .as(args.toString())
            .isNotEmpty();
      }
      if (args.isEmpty()) { // the questions the demo suggests, from the built CLI (DuckDB's library
        // from lib/)
        Result stats = run(cwd, Map.of(), "stats", "--dir", archive.toString());
        assertThat(stats.exit()).as(stats.output()).isZero();
        assertThat(stats.output()).contains("greeter_fn").doesNotContain("\tat ");
        Result query =
            run(
                cwd,
                Map.of(),
                "query",
                "--dir",
                archive.toString(),
                "SELECT type, count(*) FROM logs GROUP BY 1");
        assertThat(query.exit()).as(query.output()).isZero();
        assertThat(query.output()).contains("platform.report");
      }
    }
  }

  record Result(int exit, String output) {}

  private static Result run(Path cwd, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(REPO.resolve("lambdalogs").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
      return new Result(process.exitValue(), output);
    } finally {
      process.destroyForcibly();
    }
  }
}
