package dev.lambdalogs.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * --since and --until as people write them: durations back from now, instants, dates; UTC unless
 * said.
 */
class TimeRangeTest {
  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  @Test
  void durationsAddUpTheirParts() {
    assertThat(TimeRange.duration("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(TimeRange.duration(" 10m ")).isEqualTo(Duration.ofMinutes(10));
    assertThat(TimeRange.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TimeRange.duration("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(TimeRange.duration("1w1d")).isEqualTo(Duration.ofDays(8));
  }

  @Test
  void aDurationIsCountedBackFromNow() {
    assertThat(TimeRange.parse("10m", NOW)).isEqualTo(Instant.parse("2026-12-02T11:50:00Z"));
    assertThat(TimeRange.parse("0s", NOW)).isEqualTo(NOW);
  }

  @Test
  void instantsAndDatesAreUtcUnlessTheyNameAnOffset() {
    assertThat(TimeRange.parse("2026-11-24T10:00Z", NOW))
        .isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    assertThat(TimeRange.parse("2026-11-24T12:00+02:00", NOW))
        .isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    assertThat(TimeRange.parse("2026-11-24T10:00:30", NOW))
        .isEqualTo(Instant.parse("2026-11-24T10:00:30Z"));
    assertThat(TimeRange.parse("2026-11-24", NOW)).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
  }

  @Test
  void whatIsNeitherIsRefusedWithExamples() {
    for (String bad : new String[] {"yesterday", "", "10x", "1h 30m", "2026-13-01", "-5m"}) {
      assertThatThrownBy(() -> TimeRange.parse(bad, NOW))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining(TimeRange.EXAMPLES);
    }
    assertThatThrownBy(() -> TimeRange.duration("2026-11-24"))
        .hasMessageContaining("use 5s, 10m, 2h or 1h30m");
  }
}
