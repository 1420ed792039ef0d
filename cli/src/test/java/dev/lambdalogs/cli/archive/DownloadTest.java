package dev.lambdalogs.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** download's copy, resume and merge, from a folder archive to another folder. */
class DownloadTest {
  static final long T0 = Instant.parse("2026-12-03T06:00:00Z").toEpochMilli();

  @TempDir Path from;

  @TempDir Path to;

  final List<String> warnings = new ArrayList<>();

  Download download(boolean decompress) {
    return new Download(new DirSource(from), to, decompress, 2, warnings::add);
  }

  @Test
  void objectsAreCopiedUnderTheirKeysAndASecondRunSkipsThem() throws Exception {
    ArchiveFolder archive = new ArchiveFolder(from);
    String key = archive.put("fn", "one", T0);
    archive.put("fn", "two", T0 + 1_000);
    List<Reader.Item> items = archive.items(T0, T0 + 60_000);
    assertThat(download(false).copyAll(items, () -> {}))
        .containsOnly(Download.Done.DOWNLOADED)
        .hasSize(2);
    assertThat(Files.readAllBytes(to.resolve(key)))
        .isEqualTo(Files.readAllBytes(from.resolve(key)));
    assertThat(download(false).copyAll(items, () -> {})).containsOnly(Download.Done.SKIPPED);
  }

  @Test
  void aCopyCutShortIsMadeAgainNotSkipped() throws Exception {
    ArchiveFolder archive = new ArchiveFolder(from);
    String key = archive.put("fn", "one", T0);
    Files.createDirectories(to.resolve(key).getParent());
    Files.write(to.resolve(key), new byte[] {31});
    assertThat(download(false).copyAll(archive.items(T0, T0 + 60_000), () -> {}))
        .containsExactly(Download.Done.DOWNLOADED);
    assertThat(Files.readAllBytes(to.resolve(key)))
        .isEqualTo(Files.readAllBytes(from.resolve(key)));
    try (var files = Files.walk(to)) {
      assertThat(files.filter(f -> f.toString().endsWith(".partial"))).isEmpty();
    }
  }

  @Test
  void decompressedAndMergedInTimeOrderAcrossObjects() throws Exception {
    ArchiveFolder archive = new ArchiveFolder(from);
    String key = archive.put("fn", "a", T0, T0 + 2_000);
    archive.put("fn", "b", T0 + 1_000, T0 + 3_000);
    List<Reader.Item> items = archive.items(T0, T0 + 60_000);
    Download download = download(true);
    download.copyAll(items, () -> {});
    assertThat(to.resolve(key.replace(".gz", ""))).content().startsWith("{\"time\":");
    Path merged = to.resolve("all.ndjson");
    download.merge(items, merged, Entry::message);
    assertThat(Files.readAllLines(merged))
        .containsExactly(
            "a at " + T0, "b at " + (T0 + 1_000), "a at " + (T0 + 2_000), "b at " + (T0 + 3_000));
  }

  @Test
  void anObjectThatCannotBeReadFailsAloneAndSaysWhich() throws Exception {
    ArchiveFolder archive = new ArchiveFolder(from);
    String bad = archive.put("fn", "gone", T0);
    archive.put("fn", "kept", T0 + 1_000);
    List<Reader.Item> items = archive.items(T0, T0 + 60_000);
    Files.delete(from.resolve(bad));
    assertThat(download(false).copyAll(items, () -> {}))
        .containsExactlyInAnyOrder(Download.Done.FAILED, Download.Done.DOWNLOADED);
    assertThat(warnings).singleElement().asString().startsWith("could not download " + bad + ": ");
  }
}
