package dev.lambdalogs.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventFilterTest {
  static final Instant FROM = Instant.parse("2026-12-03T06:00:00Z");
  static final Instant TO = FROM.plusSeconds(60);

  static Entry entry(Instant time, String line) {
    return new Entry(time.toEpochMilli(), 0, "fn", "k", line);
  }

  static final Entry REPORT =
      entry(
          FROM.plusSeconds(1),
          "{\"time\":\"x\",\"type\":\"platform.report\","
              + "\"record\":{\"requestId\":\"8f2c-11\",\"status\":\"success\"}}");
  static final Entry ERROR =
      entry(
          FROM.plusSeconds(2),
          "{\"time\":\"x\",\"type\":\"function\",\"record\":"
              + "{\"level\":\"ERROR\",\"requestId\":\"77aa\",\"message\":\"payment failed\"}}");
  static final Entry LATER =
      entry(TO.plusSeconds(1), "{\"time\":\"x\",\"type\":\"function\",\"record\":\"late\"}");

  @Test
  void theRangeIsClosedUnlessFollowing() {
    assertThat(new EventFilter(FROM, TO, false, null, null, null, null))
        .accepts(REPORT, ERROR)
        .rejects(LATER);
    assertThat(new EventFilter(FROM, TO, true, null, null, null, null)).accepts(LATER);
    assertThat(new EventFilter(TO, TO, false, null, null, null, null)).rejects(REPORT);
  }

  @Test
  void typesByCategoryOrExactly() {
    assertThat(new EventFilter(FROM, TO, false, List.of("platform"), null, null, null))
        .accepts(REPORT)
        .rejects(ERROR);
    assertThat(new EventFilter(FROM, TO, false, List.of("platform.start"), null, null, null))
        .rejects(REPORT);
  }

  @Test
  void grepRequestAndLevel() {
    assertThat(new EventFilter(FROM, TO, false, null, Pattern.compile("payment"), null, null))
        .accepts(ERROR)
        .rejects(REPORT);
    assertThat(new EventFilter(FROM, TO, false, null, Pattern.compile("success"), null, null))
        .accepts(REPORT);
    assertThat(new EventFilter(FROM, TO, false, null, null, "8f2c", null))
        .accepts(REPORT)
        .rejects(ERROR);
    assertThat(new EventFilter(FROM, TO, false, null, null, null, "error"))
        .accepts(ERROR)
        .rejects(REPORT);
  }
}
