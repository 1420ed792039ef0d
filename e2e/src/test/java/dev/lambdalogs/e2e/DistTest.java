package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.e2e.support.Account;
import dev.lambdalogs.e2e.support.CliJar;
import dev.lambdalogs.e2e.support.CraftedArchive;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.sandbox.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive (cli/src/dist/make-dist.sh, which ./mvnw -Pdist package runs), made from the
 * build, listed, unpacked into a fresh folder and run with no Java on PATH and no JAVA_HOME: the
 * archive's own runtime must carry every command.
 */
class DistTest {
  static final Path REPO = LambdalogsScriptTest.REPO;
  @TempDir static Path dir;
  static String version;
  static Path archive;
  static Path home;
  static Path tools;

  @BeforeAll
  static void build() throws Exception {
    Path target = CliJar.path().getParent();
    try (JarFile jar = new JarFile(CliJar.path().toFile())) {
      version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
    }
    archive = make(target, dir.resolve("dist"));
    Path unpacked = Files.createDirectories(dir.resolve("fresh"));
    run(List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString()), Map.of());
    home = unpacked.resolve("lambdalogs-" + version);
    // the launcher's own needs, and nothing else: no java anywhere on this PATH
    tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool :
        List.of("sh", "dirname", "cksum", "cut", "mkdir", "find", "nice", "mv", "rm", "rmdir")) {
      Files.createSymbolicLink(tools.resolve(tool), Path.of("/bin", tool).toRealPath());
    }
  }

  /** The class-data archives the launchers began in the background are made, or given up. */
  @AfterAll
  static void archivesMade() throws Exception {
    Await.until("no launcher still archiving classes", () -> locks().isEmpty());
  }

  static List<Path> locks() {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.toString().endsWith(".jsa.lock")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The archive make-dist.sh makes from the build, in this folder. */
  static Path make(Path target, Path out) throws Exception {
    Process make =
        new ProcessBuilder(
                "sh",
                REPO.resolve("cli/src/dist/make-dist.sh").toString(),
                out.toString(),
                version,
                target.toString(),
                REPO.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(make.waitFor(10, TimeUnit.MINUTES)).as(said).isTrue();
    assertThat(make.exitValue()).as(said).isZero();
    return platform("x86_64", out.resolve("any"));
  }

  /** The archive of this platform, beside the x86_64 one. */
  static Path platform(String platform) {
    return platform(platform, archive);
  }

  static Path platform(String platform, Path beside) {
    return beside.resolveSibling("lambdalogs-" + version + "-linux-" + platform + ".tar.gz");
  }

  static String run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(out).isTrue();
    assertThat(process.exitValue()).as(command + "\n" + out).isZero();
    return out;
  }

  /** bin/lambdalogs with no Java on PATH, no JAVA_HOME, a home of its own. */
  static String lambdalogs(Map<String, String> env, String... args) throws Exception {
    return lambdalogs(home.resolve("bin/lambdalogs"), env, args);
  }

  static String lambdalogs(Path launcher, Map<String, String> env, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Map<String, String> all = new HashMap<>(env);
    all.put("PATH", tools.toString());
    all.putIfAbsent("HOME", Files.createDirectories(dir.resolve("home")).toString());
    return run(command, all);
  }

  @Test
  void theSameBuildMakesTheSameBytesInAnotherFolder() throws Exception {
    Path again = make(CliJar.path().getParent(), dir.resolve("elsewhere/dist"));
    assertThat(Files.mismatch(archive, again)).isEqualTo(-1);
    assertThat(Files.mismatch(platform("aarch64"), platform("aarch64", again))).isEqualTo(-1);
    assertThat(again.resolveSibling("SHA256SUMS"))
        .hasSameTextualContentAs(archive.resolveSibling("SHA256SUMS"));
  }

  @Test
  void itsChecksumIsInSha256sumsAndItHoldsOnlyWhatItShould() throws Exception {
    String sha256 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
    assertThat(Files.readString(archive.resolveSibling("SHA256SUMS")))
        .contains(sha256 + "  " + archive.getFileName() + "\n")
        .contains("  " + platform("aarch64").getFileName() + "\n")
        .contains("  lambdalogs-" + version + ".zip\n");
    Map<String, TarArchiveEntry> entries = entries(archive);
    String root = "lambdalogs-" + version + "/";
    assertThat(entries.keySet()).allMatch(name -> name.startsWith(root));
    for (String executable : List.of("bin/lambdalogs", "runtime/bin/java", "app/jre/bin/java")) {
      assertThat(entries.get(root + executable).getMode() & 0111)
          .as(executable + " is executable")
          .isEqualTo(0111);
    }
    assertThat(entries)
        .containsKeys(
            root + "app/lambdalogs.jar",
            root + "app/layer-sha256.properties",
            root + "app/lib/libduckdb_java.so_linux_amd64",
            root + "app/jre-arm64/bin/java",
            root + "completions/lambdalogs.bash",
            root + "man/lambdalogs-query.1",
            root + "README.md",
            root + "LICENSE",
            root + "NOTICE",
            root + "runtime/legal/java.base/LICENSE");
    assertThat(entries.keySet())
        .noneMatch(
            name ->
                name.matches(
                    ".*(test-classes|Test\\.class|\\.built-from|\\.log$|\\.partial|app/lambdalogs\\.jsa"
                        + "|libduckdb_java\\.so_(macos|windows|linux_arm64)).*"));
    assertThat(entries.values()).allMatch(e -> e.getLongUserId() == 0 && e.getLongGroupId() == 0);
    assertThat(entries.values().stream().map(e -> e.getModTime().getTime()).distinct()).hasSize(1);
  }

  static Map<String, TarArchiveEntry> entries(Path tarball) throws Exception {
    Map<String, TarArchiveEntry> entries = new HashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.put(e.getName(), e);
      }
    }
    return entries;
  }

  /**
   * The first run archives, in the background, the classes of every command (app/classlist); the
   * runs after map them from that archive, whichever command made it.
   */
  @Test
  void theFirstRunArchivesEveryCommandsClassesForTheRunsAfter() throws Exception {
    Path own = Files.createDirectories(dir.resolve("cds-home"));
    Map<String, String> env = Map.of("HOME", own.toString());
    lambdalogs(env, "--version");
    Path cache = own.resolve(".cache/lambdalogs");
    Await.until("the class-data archive made", () -> locks().isEmpty());
    List<Path> made;
    try (Stream<Path> files = Files.list(cache)) {
      made = files.toList();
    }
    assertThat(made).singleElement().asString().endsWith(".jsa");
    Map<String, String> logged = new HashMap<>(env);
    logged.put("JDK_JAVA_OPTIONS", "-Xlog:class+load");
    String out = lambdalogs(logged, command("tail", craftedArchive("cds-archive")));
    assertThat(out).contains("py_fn");
    long archived =
        out.lines().filter(l -> l.contains("source: shared objects file (top)")).count();
    long fromJars = out.lines().filter(l -> l.matches(".* source: file:.*\\.jar")).count();
    assertThat(archived).as(out).isGreaterThan(300);
    assertThat(fromJars)
        .as("tail loads classes app/classlist lacks: run cli/src/cds/record.sh\n" + out)
        .isZero();
  }

  @Test
  void itRunsWithNoJavaOnTheMachinesPath() throws Exception {
    assertThat(lambdalogs(Map.of(), "--version"))
        .contains("lambdalogs " + version + "\n  commit ")
        .contains("layer jre sha256:");
    Path layer = dir.resolve("layer-jre.zip");
    assertThat(lambdalogs(Map.of(), "layer", "build", "--jre", "-o", layer.toString()))
        .contains("sha256:");
    assertThat(layer).isRegularFile();
    List<String> archive = craftedArchive("archive");
    assertThat(lambdalogs(Map.of(), command("tail", archive))).contains("py_fn");
    assertThat(lambdalogs(Map.of(), command("query", archive, "-o", "csv", COUNT_FUNCTIONS)))
        .isEqualTo("functions\r\n3\r\n");
  }

  static final String COUNT_FUNCTIONS = "SELECT count(DISTINCT function) AS functions FROM logs";

  /** A crafted archive written into this folder, and the options that read all of it. */
  static List<String> craftedArchive(String name) throws Exception {
    Path local = dir.resolve(name);
    new CraftedArchive().writeTo(local);
    return List.of(
        "--dir",
        local.toString(),
        "--since",
        CraftedArchive.FROM.toString(),
        "--until",
        CraftedArchive.TO.toString());
  }

  static String[] command(String name, List<String> options, String... more) {
    List<String> all = new ArrayList<>(List.of(name));
    all.addAll(options);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** The demo runs the layer's extension on the archive's own runtime, as the CLI does. */
  @Test
  void itsDemoRunsThePipelineWithNoJavaOnThePath() throws Exception {
    Path demo = dir.resolve("demo");
    String out = lambdalogs(Map.of(), "demo", "--dir", demo.toString());
    assertThat(out).contains("exited with code [0]", "greeter_fn");
    assertThat(lambdalogs(Map.of(), "tail", "--dir", demo.resolve("archive").toString()))
        .contains("Hello, Grace!");
  }

  /**
   * The aarch64 archive: the same tree, with an arm64 runtime and DuckDB's linux_arm64 library, run
   * here under qemu through its own launcher (the runtime's java behind a wrapper that starts qemu:
   * this machine has no binfmt_misc to do it).
   */
  @Test
  void theAarch64ArchiveHoldsAnArm64RuntimeAndRunsUnderQemu() throws Exception {
    String root = "lambdalogs-" + version + "/";
    Map<String, TarArchiveEntry> entries = entries(platform("aarch64"));
    assertThat(entries.keySet())
        .contains(root + "app/lib/libduckdb_java.so_linux_arm64", root + "LICENSE")
        .doesNotContain(root + "app/lib/libduckdb_java.so_linux_amd64")
        .containsAll(
            entries(archive).keySet().stream()
                .filter(name -> !name.contains("/runtime/") && !name.contains("libduckdb"))
                .toList());
    Path unpacked = Files.createDirectories(dir.resolve("aarch64"));
    run(
        List.of("tar", "-xzf", platform("aarch64").toString(), "-C", unpacked.toString()),
        Map.of());
    Path armHome = unpacked.resolve(root);
    Path java = armHome.resolve("runtime/bin/java");
    assertThat(Arm64LayerTest.readelf("-h", java)).contains("AArch64");
    Path sysroot = CliJar.path().resolveSibling("runtime-arm64.sysroot");
    assertThat(sysroot).as("the arm64 sysroot make-dist.sh leaves, to run it here").isDirectory();
    Files.move(java, java.resolveSibling("java.aarch64"));
    Files.writeString(
        java,
        "#!/bin/sh\nexec /usr/bin/qemu-aarch64-static -L '"
            + sysroot
            + "' \"${0%/*}/java.aarch64\" \"$@\"\n");
    java.toFile().setExecutable(true);
    List<String> range = craftedArchive("arm-archive");
    // under qemu, the background class-data archive would take a minute: the x86_64 tests try it
    Map<String, String> off = Map.of("LAMBDALOGS_CLASS_ARCHIVE", "off");
    Path launcher = armHome.resolve("bin/lambdalogs");
    assertThat(lambdalogs(launcher, off, "--version")).startsWith("lambdalogs " + version + "\n");
    assertThat(lambdalogs(launcher, off, command("tail", range))).contains("py_fn");
    assertThat(lambdalogs(launcher, off, command("query", range, "-o", "csv", COUNT_FUNCTIONS)))
        .isEqualTo("functions\r\n3\r\n");
  }

  /**
   * The platform-neutral zip, on the Java 17 the tests run on: JAVA_HOME's, with no runtime of its
   * own.
   */
  @Test
  void theZipRunsOnTheMachinesJava() throws Exception {
    Path zip = archive.resolveSibling("lambdalogs-" + version + ".zip");
    Path unzipped = Files.createDirectories(dir.resolve("unzipped"));
    run(List.of("unzip", "-q", zip.toString(), "-d", unzipped.toString()), Map.of());
    Path zipHome = unzipped.resolve("lambdalogs-" + version);
    assertThat(zipHome.resolve("runtime")).doesNotExist();
    assertThat(zipHome.resolve("app/lib/libduckdb_java.so_macos_arm64")).isRegularFile();
    String out =
        run(
            List.of(zipHome.resolve("bin/lambdalogs").toString(), "--version"),
            Map.of(
                "PATH", tools.toString(),
                "JAVA_HOME", System.getProperty("java.home"),
                "HOME", Files.createDirectories(dir.resolve("zip-home")).toString()));
    assertThat(out).contains("lambdalogs " + version);
  }

  @Test
  void itInstallsChecksAndUninstallsAgainstMoto() throws Exception {
    try (MotoServer moto = MotoServer.start();
        Account account = new Account(moto.endpoint())) {
      account.function(
          "dist_fn",
          "python3.12",
          "x86_64",
          account.role("dist-role"),
          Map.of(),
          List.of(),
          Map.of());
      Map<String, String> aws =
          Map.of(
              "AWS_ACCESS_KEY_ID", "testing",
              "AWS_SECRET_ACCESS_KEY", "testing",
              "AWS_REGION", "us-east-1",
              "AWS_ENDPOINT_URL", moto.endpoint().toString());
      assertThat(lambdalogs(aws, "install", "-f", "dist_fn")).contains("dist_fn");
      assertThat(account.layersOf("dist_fn")).singleElement().asString().contains("lambdalogs-jre");
      lambdalogs(aws, "status", "--check", "-f", "dist_fn");
      lambdalogs(aws, "uninstall", "-f", "dist_fn");
      assertThat(account.layersOf("dist_fn")).isEmpty();
    }
  }
}
