package dev.lambdalogs.e2e.bench;

import dev.lambdalogs.cli.layer.Layer;
import dev.lambdalogs.e2e.support.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The layers a benchmark compares in one run: this build's, and with {@code -Dbench.before=DIR} an
 * earlier build's, made there with {@code ./lambdalogs layer build -o DIR/layer.zip} and {@code
 * ./lambdalogs layer build --jre -o DIR/layer-jre.zip}.
 */
record Builds(List<Build> all) {
  /** One unzipped layer variant of one build. */
  record Build(String name, Path layer, boolean jre) {
    String label() {
      return name
          + ", "
          + (jre
              ? "-jre layer (bundled Temurin 25)"
              : "plain layer (JDK " + System.getProperty("java.version") + ")");
    }
  }

  static Builds load() throws IOException {
    List<Build> all = new ArrayList<>();
    String before = System.getProperty("bench.before", "");
    for (boolean jre : new boolean[] {false, true}) {
      all.add(new Build("this build", Environment.layer(jre), jre));
      if (!before.isEmpty()) {
        Path zip = Path.of(before, jre ? "layer-jre.zip" : "layer.zip");
        if (!Files.isRegularFile(zip)) {
          throw new IllegalStateException(
              "no "
                  + zip
                  + ": make it with ./lambdalogs layer build"
                  + (jre ? " --jre" : "")
                  + " -o "
                  + zip
                  + " in a checkout of the earlier build");
        }
        Path dir = Files.createTempDirectory("lambdalogs-before-");
        Layer.unzip(Files.readAllBytes(zip), dir);
        all.add(new Build("before", dir, jre));
      }
    }
    return new Builds(all);
  }
}
