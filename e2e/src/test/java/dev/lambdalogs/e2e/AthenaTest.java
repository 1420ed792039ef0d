package dev.lambdalogs.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.e2e.support.Cli;
import dev.lambdalogs.e2e.support.CliJar;
import dev.lambdalogs.e2e.support.CraftedArchive;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.S3;
import dev.lambdalogs.sandbox.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * athena setup and query --engine athena against moto's Glue and Athena. Moto runs no SQL: the
 * tests check what is created in Glue, the statements sent to Athena and their flow, and the output
 * of the results moto is told to return.
 */
class AthenaTest {
  static final String BUCKET = "athena-logs";
  static final CraftedArchive ARCHIVE = new CraftedArchive();
  static MotoServer moto;
  static S3Client s3;
  static GlueClient glue;
  static AthenaClient athena;
  static Cli cli;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    s3 = S3.client(moto.endpoint());
    glue = local(GlueClient.builder()).build();
    athena = local(AthenaClient.builder()).build();
    cli = new Cli(moto.endpoint().toString());
  }

  /** A client of moto's, with the credentials it takes. */
  static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B local(B builder) {
    return builder
        .endpointOverride(moto.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClientBuilder(UrlConnectionHttpClient.builder());
  }

  @AfterAll
  static void stop() {
    glue.close();
    athena.close();
    s3.close();
    moto.close();
  }

  @BeforeEach
  void archive() throws Exception {
    moto.reset();
    s3.createBucket(b -> b.bucket(BUCKET));
    ARCHIVE.putInto(s3, BUCKET);
  }

  Cli.Run setup(String... args) {
    List<String> all = new ArrayList<>(List.of("athena", "setup", "--bucket", BUCKET));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  Table table(String name) {
    return glue.getTable(b -> b.databaseName("lambdalogs").name(name)).table();
  }

  /** Every statement sent to Athena, oldest first. */
  List<QueryExecution> executions() {
    List<QueryExecution> all = new ArrayList<>();
    for (String id : athena.listQueryExecutions(b -> {}).queryExecutionIds()) {
      all.add(athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution());
    }
    return all;
  }

  @Test
  void setupMakesTheDatabaseATableWithPartitionProjectionAndTheView() {
    Cli.Run run = setup();
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("database lambdalogs: created")
        .contains("table lambdalogs.events: created")
        .contains("view lambdalogs.logs: created")
        .contains("CREATE EXTERNAL TABLE `lambdalogs`.`events`")
        .contains("Try: lambdalogs query --engine athena");
    assertThat(glue.getDatabase(b -> b.name("lambdalogs")).database().name())
        .isEqualTo("lambdalogs");
    Table events = table("events");
    String location = "s3://" + BUCKET + "/lambda-logs/";
    assertThat(events.storageDescriptor().location()).isEqualTo(location);
    assertThat(events.storageDescriptor().serdeInfo().serializationLibrary())
        .isEqualTo("org.openx.data.jsonserde.JsonSerDe");
    assertThat(events.storageDescriptor().columns())
        .extracting(c -> c.name())
        .containsExactly("time", "type", "record", "requestid");
    assertThat(events.partitionKeys())
        .extracting(c -> c.name())
        .containsExactly("function", "hour");
    assertThat(events.parameters())
        .containsEntry("projection.enabled", "true")
        .containsEntry("projection.function.type", "enum")
        .containsEntry("projection.function.values", "json_fn,node_fn,py_fn")
        .containsEntry("projection.hour.type", "date")
        .containsEntry("projection.hour.format", "yyyy/MM/dd/HH")
        .containsEntry("projection.hour.interval.unit", "HOURS")
        .containsEntry("storage.location.template", location + "${function}/${hour}/");
    List<QueryExecution> sent = executions();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).query()).startsWith("CREATE OR REPLACE VIEW logs AS SELECT");
    assertThat(sent.get(0).queryExecutionContext().database()).isEqualTo("lambdalogs");
    assertThat(sent.get(0).workGroup()).isEqualTo("primary");
    assertThat(sent.get(0).resultConfiguration().outputLocation())
        .startsWith("s3://" + BUCKET + "/athena-results/");
  }

  @Test
  void aSecondSetupLeavesTheTableAsItWas() {
    assertThat(setup().exit()).isZero();
    Table before = table("events");
    Cli.Run again = setup("-o", "json");
    assertThat(again.exit()).as(again.toString()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> doc =
        (Map<String, Map<String, Object>>) Json.parse(again.out());
    assertThat(doc.get("database")).containsEntry("action", "up_to_date");
    assertThat(doc.get("table")).containsEntry("action", "up_to_date");
    assertThat(table("events")).isEqualTo(before);
    assertThat(
            glue.getTableVersions(b -> b.databaseName("lambdalogs").tableName("events"))
                .tableVersions())
        .hasSize(1);
  }

  @Test
  void aNewFunctionInTheArchiveUpdatesTheProjection() {
    assertThat(setup().exit()).isZero();
    s3.putObject(
        b ->
            b.bucket(BUCKET)
                .key("lambda-logs/new_fn/2026/11/30/10/20261130T100000000Z-e-000001.ndjson.gz"),
        RequestBody.fromBytes(ARCHIVE.objects.values().iterator().next()));
    Cli.Run run = setup();
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("table lambdalogs.events: updated");
    assertThat(table("events").parameters())
        .containsEntry("projection.function.values", "json_fn,new_fn,node_fn,py_fn");
  }

  @Test
  void dryRunPrintsTheDdlAndChangesNothing() {
    Cli.Run run = setup("--dry-run");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("database lambdalogs: created (would be)")
        .contains("'projection.function.type'='enum'")
        .contains("CREATE OR REPLACE VIEW logs AS");
    assertThat(glue.getDatabases(b -> {}).databaseList()).isEmpty();
    assertThat(executions()).isEmpty();
  }

  @Test
  void anArchiveWithNoFunctionsYetIsRefusedSayingWhatToDo() {
    Cli.Run run = cli.run("athena", "setup", "--bucket", BUCKET, "--prefix", "elsewhere/");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no function has logs under").contains("lambdalogs install");
  }

  /** Tells moto what the next query returns: a header row, then these rows. */
  static void results(List<String[]> columns, List<List<String>> rows) throws Exception {
    List<Object> data = new ArrayList<>();
    List<Object> header = new ArrayList<>();
    for (String[] c : columns) {
      header.add(Map.of("VarCharValue", c[0]));
    }
    data.add(Map.of("Data", header));
    for (List<String> row : rows) {
      List<Object> cells = new ArrayList<>();
      for (String cell : row) {
        cells.add(cell == null ? Map.of() : Map.of("VarCharValue", cell));
      }
      data.add(Map.of("Data", cells));
    }
    List<Object> info = new ArrayList<>();
    for (String[] c : columns) {
      info.add(Map.of("Name", c[0], "Type", c[1]));
    }
    String body = Json.write(Map.of("results", List.of(Map.of("rows", data, "column_info", info))));
    post("/moto-api/static/athena/query-results", body);
  }

  @Test
  void queryThroughAthenaReadsOnlyTheRangesHoursAndPrintsTheSameFormats() throws Exception {
    List<String[]> columns =
        List.of(
            new String[] {"function", "varchar"},
            new String[] {"errors", "bigint"},
            new String[] {"first", "timestamp"});
    List<List<String>> rows =
        List.of(
            List.of("py_fn", "3", "2026-11-30 10:00:00.000"),
            java.util.Arrays.asList("node_fn", "1", null));
    String sql = "SELECT function, count(*) AS errors, min(time) AS first FROM logs GROUP BY 1";
    List<String> range =
        List.of(
            "query",
            "--engine",
            "athena",
            "--bucket",
            BUCKET,
            "--since",
            CraftedArchive.FROM.toString(),
            "--until",
            CraftedArchive.TO.toString(),
            "-f",
            "py_fn",
            "-f",
            "node_fn");
    results(columns, rows);
    Cli.Run json = cli.run(with(range, "-o", "json", sql));
    assertThat(json.exit()).as(json.toString()).isZero();
    assertThat(Json.parse(json.out()))
        .isEqualTo(
            List.of(
                map("function", "py_fn", "errors", 3.0, "first", "2026-11-30T10:00:00.000Z"),
                map("function", "node_fn", "errors", 1.0, "first", null)));
    assertThat(json.out()).contains("\"errors\":3,"); // a bigint prints as an integer
    assertThat(json.err()).contains("athena scanned").contains("$5 per TB");
    QueryExecution sent = executions().get(0);
    assertThat(sent.query())
        .startsWith("WITH logs AS (SELECT")
        .contains(
            "FROM \"lambdalogs\".\"events\" WHERE hour BETWEEN '2026/11/30/09' AND '2026/11/30/12'")
        .contains("AND function IN ('py_fn', 'node_fn')")
        .endsWith(") " + sql);
    results(columns, rows);
    Cli.Run csv = cli.run(with(range, "-o", "csv", sql));
    assertThat(csv.out())
        .isEqualTo("function,errors,first\r\npy_fn,3,2026-11-30T10:00:00.000Z\r\nnode_fn,1,\r\n");
    results(columns, rows);
    Cli.Run text = cli.run(with(range, sql));
    assertThat(text.out())
        .contains("py_fn     3       2026-11-30T10:00:00.000Z")
        .contains("(2 rows)");
  }

  @Test
  void theUsersOwnWithJoinsTheRangedLogs() throws Exception {
    results(List.<String[]>of(new String[] {"n", "bigint"}), List.of(List.of("7")));
    String sql = "WITH e AS (SELECT * FROM logs WHERE level = 'ERROR') SELECT count(*) AS n FROM e";
    Cli.Run run = cli.run("query", "--engine", "athena", "--bucket", BUCKET, "--since", "1h", sql);
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(executions().get(0).query())
        .startsWith("WITH logs AS (SELECT")
        .contains("), e AS (SELECT * FROM logs WHERE level = 'ERROR') SELECT count(*) AS n FROM e");
  }

  /**
   * A query that stays queued (moto's state manager holds it) is stopped when the command is
   * interrupted. SIGTERM rather than Ctrl-C's SIGINT, which a shell running the build in the
   * background ignores for its children; both go through the same handler.
   */
  @Test
  void interruptedTheCommandStopsTheQueryUnderWay() throws Exception {
    post(
        "/moto-api/state-manager/set-transition",
        Json.write(
            Map.of(
                "model_name",
                "athena::execution",
                "transition",
                Map.of("progression", "manual", "times", 1_000_000))));
    Process process = null;
    try {
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  CliJar.path().toString(),
                  "query",
                  "--engine",
                  "athena",
                  "--bucket",
                  BUCKET,
                  "--since",
                  "1h",
                  "--endpoint-url",
                  moto.endpoint().toString(),
                  "--region",
                  "us-east-1",
                  "SELECT count(*) FROM logs")
              .redirectErrorStream(true);
      builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
      builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
      process = builder.start();
      StringBuffer output = new StringBuffer();
      Process running = process;
      Thread pump =
          new Thread(
              () -> {
                try (var lines =
                    new java.io.BufferedReader(
                        new java.io.InputStreamReader(running.getInputStream(), UTF_8))) {
                  lines.lines().forEach(line -> output.append(line).append('\n'));
                } catch (java.io.IOException e) {
                  output.append(e);
                }
              });
      pump.start();
      Await.until(
          "the command to see its query queued", () -> output.toString().contains(": queued"));
      new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the command ends").isTrue();
      pump.join(10_000);
      assertThat(process.exitValue()).as(output.toString()).isEqualTo(143);
      assertThat(output.toString()).contains("stopped athena query");
      assertThat(executions().get(0).status().state()).isEqualTo(QueryExecutionState.CANCELLED);
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
      post("/moto-api/state-manager/unset-transition", "{\"model_name\":\"athena::execution\"}");
    }
  }

  static void post(String path, String body) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(moto.endpoint() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
  }

  static String[] with(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
