package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.layer.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IVersionProvider;

/**
 * The version Maven wrote into the jar's manifest, the commit the build was made from, and the
 * layer variants the CLI carries, by their SHA-256 (what `lambdalogs status` compares functions
 * with).
 */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    List<String> lines = new ArrayList<>();
    // the commit on a line of its own: the man pages take the first line, and must not change with
    // every commit
    lines.add("lambdalogs " + (version == null ? "(development build)" : version));
    lines.add("  commit " + commit());
    Layer.digests()
        .forEach((variant, sha256) -> lines.add("  layer " + variant + " sha256:" + sha256));
    return lines.toArray(String[]::new);
  }

  /** What the build wrote from git, or "unknown" (a build from a source archive). */
  private static String commit() throws IOException {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/lambdalogs/commit")) {
      String commit =
          in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return commit.isEmpty() ? "unknown" : commit;
    }
  }
}
