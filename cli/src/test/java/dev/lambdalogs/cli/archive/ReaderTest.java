package dev.lambdalogs.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading objects back: fetched in parallel, merged into one time order, the unreadable counted and
 * said.
 */
class ReaderTest {
  static final long T0 = Instant.parse("2026-12-03T06:00:00Z").toEpochMilli();

  @TempDir Path dir;

  final List<String> warnings = new ArrayList<>();

  @Test
  void eventsOfOverlappingObjectsComeOutInTimeOrder() throws Exception {
    ArchiveFolder archive = new ArchiveFolder(dir);
    archive.put("fn", "a", T0, T0 + 30, T0 + 31);
    archive.put("fn", "b", T0 + 10, T0 + 30);
    archive.put("fn", "c", T0 + 5);
    List<String> read = new ArrayList<>();
    Reader reader = new Reader(new DirSource(dir), 3, warnings::add);
    reader.read(archive.items(T0, T0 + 60_000), e -> true, e -> read.add(e.message()));
    // equal times keep the order of their objects' keys
    assertThat(read)
        .containsExactly(
            "a at " + T0,
            "c at " + (T0 + 5),
            "b at " + (T0 + 10),
            "a at " + (T0 + 30),
            "b at " + (T0 + 30),
            "a at " + (T0 + 31));
    assertThat(reader.stats().objects()).isEqualTo(3);
    assertThat(reader.stats().events()).isEqualTo(6);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aCorruptObjectAndABadLineAreSkippedCountedAndSaid() throws Exception {
    ArchiveFolder archive = new ArchiveFolder(dir);
    String corrupt = archive.put("fn", "lost", T0);
    archive.put("fn", "kept", T0 + 1_000);
    Files.write(dir.resolve(corrupt), new byte[] {1, 2, 3});
    Path plain = dir.resolve(archive.put("fn", "plain", T0 + 2_000).replace(".gz", ""));
    Files.writeString(
        plain,
        "not json\n{\"time\":\"2026-12-03T06:00:02.500Z\",\"type\":\"function\",\"record\":\"ok\"}\n");
    Files.delete(Path.of(plain + ".gz"));
    List<String> read = new ArrayList<>();
    Reader reader = new Reader(new DirSource(dir), 2, warnings::add);
    reader.read(archive.items(T0, T0 + 60_000), e -> true, e -> read.add(e.message()));
    assertThat(read).containsExactly("kept at " + (T0 + 1_000), "ok");
    assertThat(reader.stats().badObjects()).isEqualTo(1);
    assertThat(reader.stats().badLines()).isEqualTo(1);
    assertThat(warnings).anyMatch(w -> w.contains(corrupt));
  }
}
