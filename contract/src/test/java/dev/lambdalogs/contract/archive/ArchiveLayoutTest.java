package dev.lambdalogs.contract.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArchiveLayoutTest {
  private static final String STAMP = "20261203T045905123Z";

  @Test
  void anObjectsKeyNamesItsFunctionHourFirstEventEnvironmentAndSequence() {
    assertThat(ArchiveLayout.key("lambda-logs/", "greeter_fn", STAMP, "0123456789abcdef", 7, true))
        .isEqualTo(
            "lambda-logs/greeter_fn/2026/12/03/04/20261203T045905123Z-0123456789abcdef-000007.ndjson.gz");
    assertThat(ArchiveLayout.key("", "fn", STAMP, "e", 1, false))
        .isEqualTo("fn/2026/12/03/04/" + STAMP + "-e-000001.ndjson");
  }

  @Test
  void theTimeAKeyNamesIsReadBackToTheMillisecond() {
    String key = ArchiveLayout.key("p/", "fn", STAMP, "env", 1, true);
    assertThat(ArchiveLayout.time(key))
        .isEqualTo(Instant.parse("2026-12-03T04:59:05.123Z").toEpochMilli());
    assertThat(ArchiveLayout.time("p/fn/2026/12/03/04/notes.txt")).isEqualTo(-1);
    assertThat(ArchiveLayout.isObject(key)).isTrue();
    assertThat(ArchiveLayout.isObject("p/fn/2026/12/03/04/notes.txt")).isFalse();
  }

  @Test
  void theEnvironmentAKeyNamesIsReadBack() {
    assertThat(ArchiveLayout.environment(ArchiveLayout.key("p/", "fn", STAMP, "0a1b2c", 12, true)))
        .isEqualTo("0a1b2c");
    assertThat(ArchiveLayout.environment(ArchiveLayout.key("", "fn", STAMP, "snap-2", 1, false)))
        .isEqualTo("snap-2");
    assertThat(ArchiveLayout.environment("p/fn/2026/12/03/04/notes.txt")).isNull();
  }

  @Test
  void aRangeListsEveryHourItTouchesFromTheLookBack() {
    Instant from = Instant.parse("2026-12-03T05:05:00Z");
    assertThat(ArchiveLayout.hourPrefixes("p/", "fn", from, Instant.parse("2026-12-03T06:00:00Z")))
        .containsExactly("p/fn/2026/12/03/04/", "p/fn/2026/12/03/05/", "p/fn/2026/12/03/06/");
    assertThat(ArchiveLayout.startAfter("p/fn/2026/12/03/04/", from))
        .isEqualTo("p/fn/2026/12/03/04/20261203T045500000Z");
  }

  @Test
  void keysWrittenAcrossAYearSortByTime() {
    String dec = ArchiveLayout.key("p/", "fn", "20261231T235959999Z", "z", 1, true);
    String jan = ArchiveLayout.key("p/", "fn", "20270101T000000000Z", "a", 1, true);
    assertThat(dec).isLessThan(jan);
    assertThat(ArchiveLayout.time(dec)).isLessThan(ArchiveLayout.time(jan));
  }
}
