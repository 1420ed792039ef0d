package dev.lambdalogs.contract.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimesTest {
  @Test
  void readsBackEveryTimeItWritesAsJavaTimeDoes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      long millis =
          random.nextLong(
              Instant.parse("1900-01-01T00:00:00Z").toEpochMilli(),
              Instant.parse("2200-01-01T00:00:00Z").toEpochMilli());
      String iso = Times.iso(millis);
      assertThat(Instant.parse(iso).toEpochMilli()).isEqualTo(millis);
      assertThat(Times.epochMillis(iso)).as(iso).isEqualTo(millis);
    }
  }

  @Test
  void refusesImpossibleFields() {
    assertThat(Times.epochMillis("2026-13-01T00:00:00Z")).isEqualTo(-1);
    assertThat(Times.epochMillis("2026-11-24T24:00:00Z")).isEqualTo(-1);
    assertThat(Times.epochMillis("2026-11-24T10:60:00Z")).isEqualTo(-1);
    assertThat(Times.epochMillis("2024-02-29T12:00:00.5Z"))
        .isEqualTo(Instant.parse("2024-02-29T12:00:00.500Z").toEpochMilli());
  }
}
