package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.contract.time.Times;
import dev.lambdalogs.e2e.support.Cli;
import dev.lambdalogs.e2e.support.CraftedArchive;
import dev.lambdalogs.e2e.support.CraftedArchive.Event;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.S3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * query and stats over an archive the test made, in a folder and in moto's S3: every answer is
 * compared with one the test computes from the events it wrote.
 */
class QueryTest {
  static final String BUCKET = "query-logs";
  static final CraftedArchive ARCHIVE = new CraftedArchive();
  static MotoServer moto;
  static S3Client s3;
  static Cli cli;
  @TempDir static Path folder;
  @TempDir Path cache;

  @BeforeAll
  static void archive() throws Exception {
    ARCHIVE.writeTo(folder);
    moto = MotoServer.start();
    s3 = S3.client(moto.endpoint());
    s3.createBucket(b -> b.bucket(BUCKET));
    ARCHIVE.putInto(s3, BUCKET);
    cli = new Cli(moto.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    s3.close();
    moto.close();
  }

  /** A command over the crafted range. */
  static Cli.Run overTheRange(String command, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                command,
                "--since",
                CraftedArchive.FROM.toString(),
                "--until",
                CraftedArchive.TO.toString()));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  /** query over the crafted range, from the folder or the bucket. */
  Cli.Run query(boolean bucket, String... args) {
    List<String> all = new ArrayList<>(List.of("--cache-dir", cache.toString()));
    all.addAll(bucket ? List.of("--bucket", BUCKET) : List.of("--dir", folder.toString()));
    all.addAll(List.of(args));
    return overTheRange("query", all.toArray(String[]::new));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rows(Cli.Run run) {
    assertThat(run.exit()).as(run.toString()).isZero();
    return (List<Map<String, Object>>) Json.parse(run.out());
  }

  @Test
  void countsPerFunctionAndTypeAreTheRangesEventsFromTheFolderAndTheBucket() {
    String sql = "SELECT function, type, count(*) AS n FROM logs GROUP BY 1, 2 ORDER BY 1, 2";
    Map<String, Long> expected =
        ARCHIVE.inRange().stream()
            .collect(
                Collectors.groupingBy(
                    e -> e.function() + " " + e.type(), TreeMap::new, Collectors.counting()));
    for (boolean bucket : new boolean[] {false, true}) {
      Map<String, Long> got = new TreeMap<>();
      for (Map<String, Object> row : rows(query(bucket, "-o", "json", sql))) {
        got.put(row.get("function") + " " + row.get("type"), ((Number) row.get("n")).longValue());
      }
      assertThat(got).as(bucket ? "bucket" : "folder").isEqualTo(expected);
    }
  }

  @Test
  void everyColumnSaysWhatTheEventWas() {
    List<Map<String, Object>> rows =
        rows(query(false, "-o", "json", "SELECT * FROM logs ORDER BY time, type, function, key"));
    List<Event> expected =
        ARCHIVE.inRange().stream()
            .sorted(
                java.util.Comparator.comparingLong(Event::millis)
                    .thenComparing(Event::type)
                    .thenComparing(Event::function)
                    .thenComparing(Event::key))
            .toList();
    assertThat(rows).hasSameSizeAs(expected);
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      Event e = expected.get(i);
      assertThat(row.keySet())
          .containsExactly(
              "time",
              "function",
              "type",
              "request_id",
              "level",
              "message",
              "record",
              "environment",
              "key");
      assertThat(row.get("time")).isEqualTo(Times.iso(e.millis()));
      assertThat(row.get("function")).isEqualTo(e.function());
      assertThat(row.get("type")).isEqualTo(e.type());
      assertThat(row.get("request_id")).as(row.toString()).isEqualTo(e.requestId());
      assertThat(row.get("level")).as(row.toString()).isEqualTo(e.level());
      assertThat(row.get("message")).as(row.toString()).isEqualTo(e.message());
      assertThat(row.get("environment")).isEqualTo(e.environment());
      assertThat(row.get("key")).isEqualTo(e.key());
      assertThat(Json.parse((String) row.get("record"))).isNotNull();
    }
  }

  @Test
  void theRangesEdgesAreInsideAndOneMillisecondBeyondIsNot() {
    List<Map<String, Object>> rows =
        rows(query(false, "-o", "json", "SELECT min(time) AS first, max(time) AS last FROM logs"));
    assertThat(rows.get(0))
        .containsEntry("first", Times.iso(CraftedArchive.FROM.toEpochMilli()))
        .containsEntry("last", Times.iso(CraftedArchive.TO.toEpochMilli()));
  }

  @Test
  void csvQuotesWhatNeedsItAndTextIsATable() {
    String sql =
        "SELECT request_id, message FROM logs WHERE function = 'json_fn' AND type = 'function'"
            + " AND message LIKE '%2%' ORDER BY time LIMIT 1";
    Cli.Run csv = query(false, "-o", "csv", sql);
    assertThat(csv.exit()).as(csv.toString()).isZero();
    assertThat(csv.out())
        .isEqualTo("request_id,message\r\nc1-req-2,\"work, \"\"item\"\" 2\nsecond line\"\r\n");
    Cli.Run text = query(false, "SELECT function, count(*) AS n FROM logs GROUP BY 1 ORDER BY 1");
    assertThat(text.exit()).as(text.toString()).isZero();
    assertThat(text.out().lines().toList()).first().asString().matches("function\\s+n");
    assertThat(text.out()).contains("json_fn").endsWith("(3 rows)\n");
  }

  @Test
  void aSecondQueryOverTheRangeReadsTheCopiesItFetchedBefore() throws Exception {
    String sql = "SELECT count(*) AS n FROM logs";
    Cli.Run first = query(true, "-o", "json", sql);
    long n = ((Number) rows(first).get(0).get("n")).longValue();
    int objects = (int) ARCHIVE.inRange().stream().map(Event::key).distinct().count();
    assertThat(first.err()).contains(objects + " fetched, 0 already in");
    assertThat(n).isEqualTo(ARCHIVE.inRange().size());
    List<Path> copies;
    try (Stream<Path> files = Files.walk(cache.resolve("archive"))) {
      copies = files.filter(Files::isRegularFile).toList();
    }
    assertThat(copies).isNotEmpty();
    FileTime marked = FileTime.fromMillis(0);
    for (Path copy : copies) {
      Files.setLastModifiedTime(copy, marked);
    }
    Cli.Run second = query(true, "-o", "json", sql);
    assertThat(((Number) rows(second).get(0).get("n")).longValue()).isEqualTo(n);
    assertThat(second.err()).contains("0 fetched, ");
    for (Path copy : copies) {
      assertThat(Files.getLastModifiedTime(copy)).as(copy + " fetched again").isEqualTo(marked);
    }
  }

  @Test
  void sqlThatDoesNotParseOrNamesWhatIsNotThereIsBadUsageNamingTheView() {
    Cli.Run typo = query(false, "SELEC function FROM logs");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err())
        .contains("the query failed: Parser Error")
        .contains("the view is logs (time, function, type")
        .doesNotContain("\tat ");
    Cli.Run column = query(false, "SELECT duration FROM logs");
    assertThat(column.exit()).isEqualTo(2);
    assertThat(column.err()).contains("duration").doesNotContain("\tat ");
  }

  @Test
  void aCorruptObjectFailsTheQuerySayingWhich(@TempDir Path broken) throws Exception {
    ARCHIVE.writeTo(broken);
    String key =
        ARCHIVE.objects.keySet().stream().filter(k -> k.contains("node_fn")).findFirst().get();
    Files.writeString(broken.resolve(key), "not gzip at all");
    Cli.Run run = overTheRange("query", "--dir", broken.toString(), "SELECT count(*) FROM logs");
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("the query failed").doesNotContain("\tat ");
  }

  @Test
  void statsPerFunctionAreWhatTheReportsAndLinesSay() {
    Cli.Run run =
        overTheRange(
            "stats", "--dir", folder.toString(), "--cache-dir", cache.toString(), "-o", "json");
    List<Map<String, Object>> stats = rows(run);
    Map<String, List<Event>> byFunction =
        ARCHIVE.inRange().stream()
            .collect(Collectors.groupingBy(Event::function, TreeMap::new, Collectors.toList()));
    assertThat(stats)
        .extracting(s -> s.get("function"))
        .containsExactlyElementsOf(byFunction.keySet());
    for (Map<String, Object> s : stats) {
      List<Event> events = byFunction.get((String) s.get("function"));
      List<Map<String, Object>> reports =
          events.stream().filter(e -> e.report() != null).map(Event::report).toList();
      List<Double> durations = reports.stream().map(r -> metric(r, "durationMs")).sorted().toList();
      long failed = reports.stream().filter(r -> !"success".equals(r.get("status"))).count();
      long errorLines = events.stream().filter(e -> "ERROR".equals(e.level())).count();
      long cold = events.stream().filter(e -> e.type().equals("platform.initReport")).count();
      double gbSeconds =
          reports.stream()
              .mapToDouble(
                  r -> metric(r, "billedDurationMs") / 1000 * metric(r, "memorySizeMB") / 1024)
              .sum();
      assertThat(s.keySet())
          .containsExactly(
              "function",
              "invocations",
              "errors",
              "cold_starts",
              "p50_ms",
              "p99_ms",
              "max_ms",
              "max_memory_mb",
              "gb_seconds",
              "cost_usd");
      assertThat(number(s, "invocations")).isEqualTo(reports.size());
      assertThat(number(s, "errors")).isEqualTo(failed + errorLines);
      assertThat(number(s, "cold_starts")).isEqualTo(cold);
      assertThat(number(s, "p50_ms")).isCloseTo(percentile(durations, 0.5), within(0.001));
      assertThat(number(s, "p99_ms")).isCloseTo(percentile(durations, 0.99), within(0.001));
      assertThat(number(s, "max_ms")).isCloseTo(durations.get(durations.size() - 1), within(0.001));
      assertThat(number(s, "max_memory_mb"))
          .isEqualTo(
              reports.stream().mapToDouble(r -> metric(r, "maxMemoryUsedMB")).max().orElseThrow());
      assertThat(number(s, "gb_seconds")).isCloseTo(gbSeconds, within(0.000001));
      assertThat(number(s, "cost_usd"))
          .isCloseTo(gbSeconds * 0.0000166667 + reports.size() * 0.0000002, within(0.00000001));
    }
    Cli.Run text = overTheRange("stats", "--dir", folder.toString());
    assertThat(text.exit()).as(text.toString()).isZero();
    assertThat(text.out()).contains("P99 MS").contains("#").contains("$0.0000166667 per GB-second");
  }

  /** Linear interpolation between the two nearest ranks, as DuckDB's quantile_cont. */
  static double percentile(List<Double> sorted, double q) {
    double position = (sorted.size() - 1) * q;
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (position - below);
  }

  @SuppressWarnings("unchecked")
  static double metric(Map<String, Object> report, String name) {
    return ((Number) ((Map<String, Object>) report.get("metrics")).get(name)).doubleValue();
  }

  static double number(Map<String, Object> row, String key) {
    return ((Number) row.get(key)).doubleValue();
  }
}
