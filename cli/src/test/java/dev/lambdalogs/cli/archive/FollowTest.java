package dev.lambdalogs.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tail --follow's loop on a folder archive, its clock and pauses simulated: each poll is one step.
 */
class FollowTest {
  static final long T0 = Instant.parse("2026-12-03T06:00:00Z").toEpochMilli();

  @TempDir Path dir;

  @Test
  void eachObjectIsReadOnceAndLateObjectsWithinTheWindowAreRead() throws Exception {
    ArchiveFolder archive = new ArchiveFolder(dir);
    archive.put("fn", "before", T0 - 1_000);
    long[] now = {T0};
    List<String> printed = new ArrayList<>();
    List<Runnable> polls =
        new ArrayList<>(
            List.of(
                () -> archive.put("fn", "new", T0 + 4_000),
                // written late: its first event is 5 minutes old when it arrives
                () -> archive.put("fn", "late", T0 + 10_000 - 5 * 60_000),
                () -> {}));
    Follow.Pause pause =
        ms -> {
          now[0] += ms;
          if (polls.isEmpty()) {
            throw new InterruptedException(); // Ctrl-C
          }
          polls.remove(0).run();
        };
    Clock clock =
        new Clock() {
          public Instant instant() {
            return Instant.ofEpochMilli(now[0]);
          }

          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    Reader reader = new Reader(new DirSource(dir), 2, warning -> {});
    List<Reader.Item> first = archive.items(T0 - 60_000, T0);
    reader.read(first, e -> true, e -> printed.add(e.message()));
    Follow follow =
        new Follow(
            (from, to) -> archive.items(from.toEpochMilli(), to.toEpochMilli()),
            reader,
            clock,
            pause);
    List<Long> intervals = new ArrayList<>();
    follow.run(first, 5_000, e -> true, e -> printed.add(e.message()), () -> intervals.add(now[0]));

    assertThat(printed)
        .containsExactly(
            "before at " + (T0 - 1_000),
            "new at " + (T0 + 4_000),
            "late at " + (T0 + 10_000 - 5 * 60_000));
    assertThat(intervals).containsExactly(T0 + 5_000, T0 + 10_000, T0 + 15_000);
    assertThat(follow.remembered()).isEqualTo(3);
  }

  @Test
  void aTooShortIntervalStillPausesBetweenPolls() throws Exception {
    List<Long> pauses = new ArrayList<>();
    Follow.Pause pause =
        ms -> {
          pauses.add(ms);
          throw new InterruptedException();
        };
    new Follow(
            (from, to) -> List.of(),
            new Reader(new DirSource(dir), 1, w -> {}),
            Clock.systemUTC(),
            pause)
        .run(List.of(), 10, e -> true, e -> {}, () -> {});
    assertThat(pauses).containsExactly(Follow.MIN_PAUSE_MS);
  }
}
