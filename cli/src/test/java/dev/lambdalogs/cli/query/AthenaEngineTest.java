package dev.lambdalogs.cli.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Table;

class AthenaEngineTest {
  static final Instant FROM = Instant.parse("2026-11-30T10:05:00Z");
  static final Instant TO = Instant.parse("2026-11-30T11:30:00Z");

  @Test
  void theRangeBecomesHourPartitionsFromTheLookBackAndTheNamedFunctions() {
    String sql = AthenaEngine.ranged("SELECT 1 FROM logs", "db", List.of("a", "o'neil"), FROM, TO);
    assertThat(sql)
        .startsWith("WITH logs AS (SELECT")
        .contains("FROM \"db\".\"events\" WHERE hour BETWEEN '2026/11/30/09' AND '2026/11/30/11'")
        .contains("AND function IN ('a', 'o''neil')")
        .contains("BETWEEN from_iso8601_timestamp('2026-11-30T10:05:00Z')")
        .endsWith(") SELECT 1 FROM logs");
  }

  @Test
  void theUsersWithIsJoinedAndEveryFunctionReadWhenNoneIsNamed() {
    String sql =
        AthenaEngine.ranged("  with x AS (SELECT 1) SELECT * FROM x", "db", List.of(), FROM, TO);
    assertThat(sql).startsWith("WITH logs AS (").endsWith("), x AS (SELECT 1) SELECT * FROM x");
    assertThat(sql).doesNotContain("function IN");
  }

  @Test
  void cellsBecomeNumbersBooleansAndIsoTimestamps() {
    assertThat(AthenaEngine.value("bigint", "42")).isEqualTo(42L);
    assertThat(AthenaEngine.value("double", "1.5")).isEqualTo(1.5);
    assertThat(AthenaEngine.value("boolean", "true")).isEqualTo(true);
    assertThat(AthenaEngine.value("timestamp", "2026-11-30 10:00:00.000"))
        .isEqualTo("2026-11-30T10:00:00.000Z");
    assertThat(AthenaEngine.value("varchar", "x")).isEqualTo("x");
    assertThat(AthenaEngine.value("bigint", null)).isNull();
  }

  @Test
  void aViewsSqlIsReadBackFromAthenasEncoding() {
    String json = "{\"originalSql\":\"SELECT 1\",\"catalog\":\"awsdatacatalog\"}";
    String text =
        "/* Presto View: "
            + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))
            + " */";
    assertThat(AthenaSetup.originalSql(Table.builder().viewOriginalText(text).build()))
        .isEqualTo("SELECT 1");
    assertThat(AthenaSetup.originalSql(Table.builder().viewOriginalText("nonsense").build()))
        .isNull();
  }

  @Test
  void theTextLevelPatternsReadPythonsAndNodesLines() {
    var python =
        java.util.regex.Pattern.compile(LogsView.PYTHON_LEVEL)
            .matcher("[WARNING]\t2026-11-30T10:00:00.000Z\tid\tdisk");
    assertThat(python.find()).isTrue();
    assertThat(python.group(1)).isEqualTo("WARNING");
    var node =
        java.util.regex.Pattern.compile(LogsView.NODE_LEVEL)
            .matcher("2026-11-30T10:00:00.000Z\tid\tERROR\tboom");
    assertThat(node.find()).isTrue();
    assertThat(node.group(1)).isEqualTo("ERROR");
    assertThat(java.util.regex.Pattern.compile(LogsView.NODE_LEVEL).matcher("plain text").find())
        .isFalse();
  }
}
