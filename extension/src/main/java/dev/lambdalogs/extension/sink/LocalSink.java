package dev.lambdalogs.extension.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes objects under a folder, same layout as S3 ({@code LAMBDALOGS_LOCAL_DIR}, for local runs).
 */
public final class LocalSink implements Sink {
  private final Path root;

  public LocalSink(Path root) {
    this.root = root;
  }

  @Override
  public void put(String key, byte[] body, int timeoutMs) throws IOException {
    Path target = root.resolve(key);
    Files.createDirectories(target.getParent());
    // readers never see half an object: write beside it, then rename
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Files.write(partial, body);
    Files.move(
        partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public String describe(String key) {
    return root.resolve(key).toString();
  }
}
