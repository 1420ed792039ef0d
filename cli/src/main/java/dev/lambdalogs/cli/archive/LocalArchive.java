package dev.lambdalogs.cli.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** An archive on disk in the S3 layout: written by LAMBDALOGS_LOCAL_DIR, or copied with `aws s3 sync`. */
public final class LocalArchive {
  private final Path root;

  public LocalArchive(Path root) {
    this.root = root;
  }

  /** The objects' keys, relative to the root, in key order (which is time order within a function). */
  public List<String> keys() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(k -> k.endsWith(".ndjson.gz") || k.endsWith(".ndjson"))
          .sorted()
          .toList();
    }
  }

  /** The lines of one object, decompressed when its name says gzip. */
  public List<String> lines(String key) throws IOException {
    try (InputStream in = Files.newInputStream(root.resolve(key))) {
      return Objects.lines(key, in);
    }
  }

  /** Reading an archived object, wherever it comes from. */
  public static final class Objects {
    private Objects() {}

    public static List<String> lines(String key, InputStream in) throws IOException {
      InputStream body = key.endsWith(".gz") ? new GZIPInputStream(in, 64 * 1024) : in;
      List<String> lines = new ArrayList<>();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      }
      return lines;
    }
  }
}
