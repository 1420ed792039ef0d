package dev.lambdalogs.cli.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipUtil;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * The Lambda layer, zipped from the extension this CLI bundles: the launcher in extensions/ (mode
 * 0755) and the jar in lambdalogs/. Entries are sorted and timestamps fixed, so one extension
 * always gives the same bytes and the same SHA-256, which names the layer version and lets install
 * reuse it.
 */
public final class Layer {
  public static final String LAUNCHER = "extensions/lambdalogs";
  public static final String JAR = "lambdalogs/lambdalogs-extension.jar";
  public static final String JRE = "lambdalogs/jre/";
  private static final String RESOURCES = "/lambdalogs/layer/";
  private static final String DIGESTS = "layer-sha256.properties";

  /**
   * 2000-01-01 00:00 in DOS form: read and written back in the same zone, it gives the same bytes
   * anywhere, and it is far enough from 1980 that no zone pushes it out of DOS range (which would
   * add extended-time fields).
   */
  private static final long FIXED_DOS_TIME = (20L << 25) | (1L << 21) | (1L << 16);

  private Layer() {}

  /** A built layer zip and its SHA-256 in hex. */
  public record Zip(byte[] bytes, String sha256) {}

  /**
   * What a variant carries besides the extension: nothing (the function's runtime has a JVM), or a
   * Java runtime the build made, for one architecture, in its folder beside the CLI's jar.
   */
  public enum Bundle {
    NONE(null, "plain"),
    /** Temurin 25, jlink'd: glibc 2.17, so Amazon Linux 2 and 2023 (cli/src/jre/build-jre.sh). */
    JRE_X86_64("jre", "jre"),
    /**
     * Debian's OpenJDK 17 for arm64, cross-jlink'd: glibc 2.34, Amazon Linux 2023
     * (build-jre-arm64.sh).
     */
    JRE_ARM64("jre-arm64", "jre-arm64");

    /** The folder beside the CLI's jar the build makes the runtime in. */
    final String folder;

    /** Its key in the build's layer-sha256.properties. */
    final String digestKey;

    Bundle(String folder, String digestKey) {
      this.folder = folder;
      this.digestKey = digestKey;
    }

    /** The runtime to carry for an architecture ("x86_64" or "arm64"), or null for none. */
    public static Bundle jreFor(String architecture) {
      return switch (architecture) {
        case "x86_64" -> JRE_X86_64;
        case "arm64" -> JRE_ARM64;
        default -> null;
      };
    }
  }

  public static Zip build(Bundle bundle) throws IOException {
    TreeMap<String, Entry> entries = new TreeMap<>();
    entries.put("extensions/", Entry.folder());
    entries.put("lambdalogs/", Entry.folder());
    entries.put(LAUNCHER, new Entry(resource("lambdalogs"), 0755));
    entries.put(JAR, new Entry(resource("lambdalogs-extension.jar"), 0644));
    if (bundle != Bundle.NONE) {
      addRuntime(entries, bundle);
    }
    byte[] zip = zip(entries);
    return new Zip(zip, sha256(zip));
  }

  /**
   * The runtime the build made with jlink, in jre/ beside the CLI's jar (as lib/ is), under
   * lambdalogs/jre/ with each file's own mode.
   */
  private static void addRuntime(TreeMap<String, Entry> entries, Bundle bundle) throws IOException {
    Path jre = bundledRuntime(bundle);
    if (!Files.isRegularFile(jre.resolve("bin/java"))) {
      throw new IOException(
          "this lambdalogs build carries no Java runtime for the "
              + bundle.folder
              + " variant (looked in "
              + jre
              + "): build lambdalogs with ./mvnw package, which makes it (cli/src/jre/)");
    }
    try (Stream<Path> files = Files.walk(jre)) {
      for (Path file : files.sorted().toList()) {
        String name = JRE + jre.relativize(file).toString().replace('\\', '/');
        if (file.getFileName().toString().startsWith(".built-from")) {
          continue;
        }
        if (Files.isDirectory(file)) {
          entries.put(name.endsWith("/") ? name : name + "/", Entry.folder());
        } else {
          entries.put(
              name, new Entry(Files.readAllBytes(file), Files.isExecutable(file) ? 0755 : 0644));
        }
      }
    }
  }

  static Path bundledRuntime(Bundle bundle) {
    return besideTheCli(bundle.folder);
  }

  /** A file or folder beside the CLI's jar (in a checkout, in cli/target/, as lib/ is). */
  private static Path besideTheCli(String name) {
    try {
      Path code = Path.of(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.getParent().resolve(name);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A variant's SHA-256, as the build wrote it beside the jar (zipping the -jre variant's 23 MB to
   * learn it cost status and install a second or more on every run); zipped here when the build
   * wrote none.
   */
  public static String sha256(Bundle bundle) throws IOException {
    String known = digests().get(bundle.digestKey);
    return known != null ? known : build(bundle).sha256();
  }

  /** The variants' SHA-256 the build wrote beside the jar, by variant: none when it wrote none. */
  public static Map<String, String> digests() throws IOException {
    Path digests = besideTheCli(DIGESTS);
    Map<String, String> known = new TreeMap<>();
    if (Files.isRegularFile(digests)) {
      Properties read = new Properties();
      try (InputStream in = Files.newInputStream(digests)) {
        read.load(in);
      }
      read.forEach((k, v) -> known.put(k.toString(), v.toString()));
    }
    return known;
  }

  /**
   * The build's last step: writes each variant's SHA-256 beside the jar, for {@link
   * #sha256(Bundle)}.
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    for (Bundle bundle : Bundle.values()) {
      if (bundle == Bundle.NONE
          || Files.isRegularFile(bundledRuntime(bundle).resolve("bin/java"))) {
        digests.put(bundle.digestKey, build(bundle).sha256());
      }
    }
    // sorted, and without the date line Properties.store writes: the release archive holds this
    // file
    StringBuilder text = new StringBuilder();
    digests.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(besideTheCli(DIGESTS), text);
  }

  private record Entry(byte[] content, int mode) {
    static Entry folder() {
      return new Entry(null, 0755);
    }
  }

  private static byte[] zip(TreeMap<String, Entry> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long time = ZipUtil.dosToJavaTime(FIXED_DOS_TIME);
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
        entry.setTime(time);
        entry.setUnixMode(
            (e.getValue().content() == null ? 0040000 : 0100000) | e.getValue().mode());
        zip.putArchiveEntry(entry);
        if (e.getValue().content() != null) {
          zip.write(e.getValue().content());
        }
        zip.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Unzips a layer as Lambda does under /opt, keeping each file's mode. */
  public static void unzip(byte[] layer, Path folder) throws IOException {
    Path target = folder.toAbsolutePath().normalize(); // entries are checked against it, normalized
    try (ZipFile zip =
        ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(layer)).get()) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("layer entry outside the layer: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          continue;
        }
        Files.createDirectories(path.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, path);
        }
        Files.setPosixFilePermissions(path, permissions(entry.getUnixMode()));
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits =
        PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = Layer.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException(
            "this lambdalogs build carries no " + name + ": rebuild it with ./mvnw package");
      }
      return in.readAllBytes();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
