package dev.lambdalogs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CLI's layering, read from its sources: what may import what. */
class ArchitectureTest {
  static final Path MAIN = Path.of("src/main/java/dev/lambdalogs/cli");
  static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?(dev\\.lambdalogs\\.[a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

  /** Each package of the CLI, and the dev.lambdalogs packages its classes import. */
  static final Map<String, Set<String>> IMPORTS = new TreeMap<>();

  static final Map<Path, String> SOURCES = new TreeMap<>();

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        SOURCES.put(file, source);
        String pkg = source.substring(source.indexOf("package ") + 8, source.indexOf(';'));
        Set<String> imported = IMPORTS.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            imported.add(m.group(1));
          }
        }
      }
    }
    assertThat(SOURCES).as("the CLI's sources, from the module's folder").hasSizeGreaterThan(40);
  }

  @Test
  void theCliImportsNothingOfTheExtensionsPackages() {
    IMPORTS.forEach(
        (pkg, imported) ->
            assertThat(imported).as(pkg).noneMatch(i -> i.startsWith("dev.lambdalogs.extension")));
  }

  @Test
  void packagesImportEachOtherWithoutCycles() {
    for (String start : IMPORTS.keySet()) {
      Deque<List<String>> paths = new ArrayDeque<>(List.of(List.of(start)));
      while (!paths.isEmpty()) {
        List<String> path = paths.pop();
        for (String next : IMPORTS.getOrDefault(path.get(path.size() - 1), Set.of())) {
          assertThat(next).as("a cycle: " + path + " -> " + next).isNotEqualTo(start);
          if (!path.contains(next)) {
            List<String> longer = new ArrayList<>(path);
            longer.add(next);
            paths.push(longer);
          }
        }
      }
    }
  }

  @Test
  void belowTheCommandsNothingReadsTheCommandLine() {
    IMPORTS.forEach(
        (pkg, imported) -> {
          if (!pkg.equals("dev.lambdalogs.cli") && !pkg.endsWith(".command")) {
            assertThat(imported).as(pkg).doesNotContain("dev.lambdalogs.cli.command");
          }
        });
  }

  @Test
  void noCommandEndsTheProcessOrPicksAnExitCodeForAFailure() {
    SOURCES.forEach(
        (file, source) -> {
          if (file.getParent().endsWith("command")) {
            assertThat(source)
                .as(file.toString())
                .doesNotContain(
                    "System.exit",
                    "new ExitException(",
                    "ExitException.FAILED",
                    "ExitException.PARTLY_DONE",
                    "ExitException.DRIFT");
          }
        });
  }
}
