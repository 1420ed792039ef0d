package dev.lambdalogs.cli.archive;

import dev.lambdalogs.contract.archive.ArchiveLayout;
import dev.lambdalogs.contract.settings.Settings;
import dev.lambdalogs.contract.time.Times;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * An archive on disk in the S3 layout, written as the extension writes it, for the tests of the
 * readers.
 */
final class ArchiveFolder {
  final Path root;
  private int sequence;

  ArchiveFolder(Path root) {
    this.root = root;
  }

  /** One gzipped object of {@code fn}, its lines' times the given milliseconds; returns its key. */
  String put(String function, String message, long... millis) {
    StringBuilder lines = new StringBuilder();
    for (long t : millis) {
      lines
          .append("{\"time\":\"")
          .append(Times.iso(t))
          .append("\",\"type\":\"function\",\"record\":\"")
          .append(message)
          .append(" at ")
          .append(t)
          .append("\"}\n");
    }
    String key =
        ArchiveLayout.key(
            Settings.DEFAULT_PREFIX,
            function,
            Times.stamp(Times.iso(millis[0])),
            "0123456789abcdef",
            ++sequence,
            true);
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
        gzip.write(lines.toString().getBytes(StandardCharsets.UTF_8));
      }
      Path file = root.resolve(key);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return key;
  }

  List<Reader.Item> items(long from, long to) throws IOException {
    return Listing.items(
        new DirSource(root),
        Settings.DEFAULT_PREFIX,
        List.of("fn"),
        java.time.Instant.ofEpochMilli(from),
        java.time.Instant.ofEpochMilli(to));
  }
}
