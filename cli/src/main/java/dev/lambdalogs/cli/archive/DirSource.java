package dev.lambdalogs.cli.archive;

import dev.lambdalogs.contract.archive.ArchiveLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An archive on disk in the S3 layout: written by LAMBDALOGS_LOCAL_DIR, or copied with `aws s3
 * sync`.
 */
public final class DirSource implements Source {
  private final Path root;

  public DirSource(Path root) {
    this.root = root;
  }

  @Override
  public List<ObjectRef> list(String prefix, String startAfter) throws IOException {
    Path start =
        root.resolve(prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/') + 1) : "");
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(start)) {
      return files
          .filter(Files::isRegularFile)
          .map(
              p ->
                  new ObjectRef(
                      root.relativize(p).toString().replace('\\', '/'), size(p), written(p)))
          .filter(o -> o.key().startsWith(prefix) && ArchiveLayout.isObject(o.key()))
          .filter(o -> startAfter == null || o.key().compareTo(startAfter) > 0)
          .sorted(Comparator.comparing(ObjectRef::key))
          .toList();
    }
  }

  @Override
  public List<String> children(String prefix) throws IOException {
    Path folder = root.resolve(prefix);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(root.resolve(key));
  }

  @Override
  public Path file(String key) {
    return root.resolve(key);
  }

  @Override
  public String describe() {
    String folder = root.toString();
    return folder.endsWith("/") ? folder : folder + "/"; // a prefix follows
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Its modification time: when it was written, or for a copy made with aws s3 sync, the object's.
   */
  private static long written(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }
}
