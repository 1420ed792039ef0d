package dev.lambdalogs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build makes the completion script and the man pages from the Picocli model; the checked-in
 * copies in completions/ and docs/man/ must be the same. To refresh them: {@code ./mvnw -pl cli -am
 * -Pregenerate package -DskipTests}.
 */
class GeneratedDocsTest {
  static final Path TARGET = Path.of("target");
  static final Path REPO = Path.of("..");
  static final String HOW =
      "stale: run ./mvnw -pl cli -am -Pregenerate package -DskipTests and commit the result";

  @Test
  void completionsAreCurrent() throws IOException {
    assertThat(Files.readString(REPO.resolve("completions/lambdalogs.bash")))
        .as("completions/lambdalogs.bash " + HOW)
        .isEqualTo(Files.readString(TARGET.resolve("lambdalogs.bash")));
  }

  @Test
  void manPagesAreCurrent() throws IOException {
    List<Path> generated = new ArrayList<>();
    for (String folder : List.of("generated-docs/man", "generated-docs/roff")) {
      try (Stream<Path> pages = Files.list(TARGET.resolve(folder))) {
        generated.addAll(pages.toList());
      }
    }
    assertThat(generated)
        .as("the build made the man pages, in AsciiDoc and roff")
        .hasSizeGreaterThanOrEqualTo(2);
    for (Path page : generated) {
      Path checkedIn = REPO.resolve("docs/man").resolve(page.getFileName());
      assertThat(checkedIn).as("docs/man/" + page.getFileName() + " is missing: " + HOW).exists();
      assertThat(Files.readString(checkedIn))
          .as("docs/man/" + page.getFileName() + " " + HOW)
          .isEqualTo(Files.readString(page));
    }
    List<String> names = generated.stream().map(p -> p.getFileName().toString()).toList();
    try (Stream<Path> pages = Files.list(REPO.resolve("docs/man"))) {
      assertThat(pages.map(p -> p.getFileName().toString()))
          .as("docs/man has pages of commands that no longer exist: " + HOW)
          .allMatch(names::contains);
    }
  }
}
