import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Moves DuckDB's native libraries out of its driver's jar into the folder beside it:
 * {@code java NativesBeside.java lib/duckdb_jdbc-VERSION.jar}. With no library inside its jar, the
 * driver loads the one for this machine from its jar's folder, instead of unpacking 70 MB into a
 * temporary file at every query (half a second, docs/benchmarks.md). A jar already split is left
 * as it is.
 */
public final class NativesBeside {
  private static final String NATIVE = "libduckdb_java.so_";

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    Path folder = jar.toAbsolutePath().getParent();
    Path stripped = folder.resolve(jar.getFileName() + ".partial");
    boolean moved = false;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(stripped))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().startsWith(NATIVE)) {
          Files.copy(in, folder.resolve(entry.getName()), StandardCopyOption.REPLACE_EXISTING);
          moved = true;
        } else {
          ZipEntry copy = new ZipEntry(entry.getName());
          copy.setTime(entry.getTime());
          out.putNextEntry(copy);
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
    if (moved) {
      Files.move(stripped, jar, StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(stripped);
    }
  }
}
