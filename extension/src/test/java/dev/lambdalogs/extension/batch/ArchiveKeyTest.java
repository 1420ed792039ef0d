package dev.lambdalogs.extension.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.contract.archive.ArchiveLayout;
import dev.lambdalogs.contract.time.Times;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveKeyTest {
  @Test
  void namesObjectsByFunctionHourFirstEventEnvironmentAndSequence() {
    ArchiveKey keys = new ArchiveKey("lambda-logs/", "greeter_fn", "0123456789abcdef", true);
    assertThat(keys.next("2022-10-12T00:00:15.064Z"))
        .isEqualTo(
            "lambda-logs/greeter_fn/2022/10/12/00/20221012T000015064Z-0123456789abcdef-000001.ndjson.gz");
    assertThat(keys.next("2022-10-12T23:59:59.9Z"))
        .isEqualTo(
            "lambda-logs/greeter_fn/2022/10/12/23/20221012T235959900Z-0123456789abcdef-000002.ndjson.gz");
    assertThat(new ArchiveKey("", "f", "e", false).next("2022-10-12T00:00:15Z"))
        .isEqualTo("f/2022/10/12/00/20221012T000015000Z-e-000001.ndjson");
  }

  @Test
  void afterARestoreAnotherEnvironmentCountsFromOneAndNoKeyIsOlderThanTheRestore() {
    ArchiveKey keys = new ArchiveKey("p/", "f", "snapshot00000000", true);
    assertThat(keys.next("2026-12-02T07:00:00.000Z"))
        .endsWith("/20261202T070000000Z-snapshot00000000-000001.ndjson.gz");
    keys.restored("restored11111111", Times.epochMillis("2026-12-02T10:00:00.000Z"));
    // the snapshot's init events, three hours old, are filed at the restore; later events at their
    // own time
    assertThat(keys.next("2026-12-02T07:00:00.500Z"))
        .isEqualTo("p/f/2026/12/02/10/20261202T100000000Z-restored11111111-000001.ndjson.gz");
    assertThat(keys.next("2026-12-02T10:00:01.250Z"))
        .isEqualTo("p/f/2026/12/02/10/20261202T100001250Z-restored11111111-000002.ndjson.gz");
  }

  @Test
  void aTimeOfAnotherFormUsesTheClock() {
    long before = System.currentTimeMillis();
    String key = new ArchiveKey("p/", "f", "e", true).next("yesterday");
    long t = ArchiveLayout.time(key);
    assertThat(t).isBetween(before, System.currentTimeMillis());
  }

  @ParameterizedTest
  @CsvSource({
    "2022-10-12T00:00:15.064Z, 20221012T000015064Z, 2022-10-12T00:00:15.064Z",
    "2022-10-12T00:00:15.064123Z, 20221012T000015064Z, 2022-10-12T00:00:15.064Z",
    "2022-10-12T00:00:15Z, 20221012T000015000Z, 2022-10-12T00:00:15.000Z",
    "2022-10-12T00:00:15.1Z, 20221012T000015100Z, 2022-10-12T00:00:15.100Z"
  })
  void stampsTelemetryTimes(String time, String stamp, String iso) {
    assertThat(Times.stamp(time)).isEqualTo(stamp);
    assertThat(Times.iso(Times.epochMillis(time))).isEqualTo(iso);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2022-10-12 00:00:15.064Z",
        "2022-10-12T00:00:15.064+01:00",
        "2022-10-12T00:00:15.Z",
        "20221012"
      })
  void refusesOtherForms(String time) {
    assertThat(Times.stamp(time)).isNull();
    assertThat(Times.epochMillis(time)).isEqualTo(-1);
  }
}
