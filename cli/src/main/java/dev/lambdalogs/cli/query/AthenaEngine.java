package dev.lambdalogs.cli.query;

import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.cli.service.Errors;
import dev.lambdalogs.contract.archive.ArchiveLayout;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Athena, for archives no single machine should scan: the same SQL over the same view, the range
 * turned into the hour partitions it needs, results paged through, and what was scanned and what it
 * cost said.
 */
public final class AthenaEngine {
  /** Athena's list price: $5 per TB scanned, at least 10 MB a query. */
  static final double USD_PER_BYTE = 5.0 / 1e12;

  static final long MINIMUM_BYTES = 10L * 1024 * 1024;

  /** How long between two looks at a running query, at most. */
  static final long LONGEST_PAUSE_MS = 1_000;

  private static final Pattern WITH = Pattern.compile("(?is)^\\s*WITH\\s+(?!RECURSIVE)(.*)$");

  private final AthenaClient athena;
  private final String database;
  private final String workgroup;
  private final String results;
  private final Consumer<String> progress;
  private volatile String running;

  /**
   * @param results where Athena writes result files: s3://bucket/folder/
   * @param progress told each state the query passes
   */
  public AthenaEngine(
      AthenaClient athena,
      String database,
      String workgroup,
      String results,
      Consumer<String> progress) {
    this.athena = athena;
    this.database = database;
    this.workgroup = workgroup;
    this.results = results;
    this.progress = progress;
  }

  /**
   * The user's SQL with {@code logs} bound to the view's rows of the range: only its hour
   * partitions (and functions, when named) are read.
   */
  public static String ranged(
      String sql, String database, List<String> functions, Instant from, Instant to) {
    List<String> hours = ArchiveLayout.hours(from, to);
    String where =
        " WHERE hour BETWEEN '"
            + hours.get(0)
            + "' AND '"
            + hours.get(hours.size() - 1)
            + "'"
            + (functions.isEmpty()
                ? ""
                : " AND function IN ("
                    + functions.stream()
                        .map(f -> "'" + f.replace("'", "''") + "'")
                        .collect(Collectors.joining(", "))
                    + ")")
            + " AND from_iso8601_timestamp(\"time\") BETWEEN from_iso8601_timestamp('"
            + from
            + "') AND from_iso8601_timestamp('"
            + to
            + "')";
    String logs =
        "logs AS ("
            + LogsView.athena("\"" + database + "\".\"" + AthenaTable.TABLE + "\"")
            + where
            + ")";
    Matcher with = WITH.matcher(sql);
    return with.matches() ? "WITH " + logs + ", " + with.group(1) : "WITH " + logs + " " + sql;
  }

  /** What a query read, and what that costs at list price. */
  public record Scan(String queryId, long bytes) {
    public double usd() {
      return Math.max(bytes, MINIMUM_BYTES) * USD_PER_BYTE;
    }
  }

  /** Runs a query to its end and hands its rows to {@code rows}. */
  public Scan run(String sql, Rows rows) {
    QueryExecution done = execute(sql);
    page(done.queryExecutionId(), rows);
    return new Scan(
        done.queryExecutionId(),
        done.statistics() == null || done.statistics().dataScannedInBytes() == null
            ? 0
            : done.statistics().dataScannedInBytes());
  }

  /** Starts a statement and waits for its end; a failed one ends the command, saying why. */
  public QueryExecution execute(String sql) {
    String id =
        Errors.call(
            "athena:StartQueryExecution",
            "workgroup " + workgroup,
            () ->
                athena
                    .startQueryExecution(
                        b ->
                            b.queryString(sql)
                                .queryExecutionContext(c -> c.database(database))
                                .workGroup(workgroup)
                                .resultConfiguration(r -> r.outputLocation(results)))
                    .queryExecutionId());
    running = id;
    try {
      return await(id);
    } finally {
      running = null;
    }
  }

  /** Stops the query under way, if any: Ctrl-C must not leave it scanning, and billing. */
  public void stop() {
    String id = running;
    if (id != null) {
      athena.stopQueryExecution(b -> b.queryExecutionId(id));
      progress.accept("stopped athena query " + id);
    }
  }

  private QueryExecution await(String id) {
    QueryExecutionState seen = null;
    long pause = 100;
    while (true) {
      QueryExecution execution =
          Errors.call(
              "athena:GetQueryExecution",
              "query " + id,
              () -> athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution());
      QueryExecutionState state = execution.status().state();
      if (state != seen) {
        progress.accept("athena query " + id + ": " + state.toString().toLowerCase(Locale.ROOT));
        seen = state;
      }
      switch (state) {
        case SUCCEEDED:
          return execution;
        case FAILED:
        case CANCELLED:
          throw failed(id, state, execution.status().stateChangeReason());
        default:
          sleep(pause);
          pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
      }
    }
  }

  /** The SQL at fault (it does not parse, or names what is not there) is bad usage. */
  private static ExitException failed(String id, QueryExecutionState state, String reason) {
    String why = reason == null ? state.toString() : reason;
    boolean usage =
        why.contains("SYNTAX_ERROR")
            || why.contains("COLUMN_NOT_FOUND")
            || why.contains("TABLE_NOT_FOUND")
            || why.contains("mismatched input");
    return new ExitException(
        usage ? ExitException.USAGE : ExitException.FAILED,
        "the athena query "
            + id
            + " "
            + state.toString().toLowerCase(Locale.ROOT)
            + ": "
            + why
            + (why.contains("TABLE_NOT_FOUND") || why.contains("does not exist")
                ? "; run lambdalogs athena setup first"
                : usage ? LogsView.hint() : ""));
  }

  private void page(String id, Rows rows) {
    boolean first = true;
    List<ColumnInfo> columns = List.of();
    for (GetQueryResultsResponse page :
        athena.getQueryResultsPaginator(b -> b.queryExecutionId(id))) {
      List<Row> found = page.resultSet().rows();
      int skip = 0;
      if (first) {
        columns = page.resultSet().resultSetMetadata().columnInfo();
        List<String> names = columns.stream().map(ColumnInfo::name).toList();
        rows.columns(names);
        // a SELECT's first row repeats the header
        if (!found.isEmpty() && texts(found.get(0)).equals(names)) {
          skip = 1;
        }
        first = false;
      }
      for (Row row : found.subList(skip, found.size())) {
        List<Object> values = new ArrayList<>();
        List<Datum> data = row.data();
        for (int i = 0; i < columns.size(); i++) {
          values.add(
              value(columns.get(i).type(), i < data.size() ? data.get(i).varCharValue() : null));
        }
        rows.row(values);
      }
    }
    if (first) {
      rows.columns(List.of());
    }
    rows.end();
  }

  private static List<String> texts(Row row) {
    return row.data().stream().map(Datum::varCharValue).toList();
  }

  /** Athena gives every cell as text: numbers become numbers, timestamps ISO-8601 UTC. */
  static Object value(String type, String text) {
    if (text == null) {
      return null;
    }
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    try {
      switch (t) {
        case "tinyint", "smallint", "integer", "bigint":
          return Long.parseLong(text);
        case "double", "float", "real":
          return Double.parseDouble(text);
        case "decimal":
          return new BigDecimal(text);
        case "boolean":
          return Boolean.parseBoolean(text);
        case "timestamp":
          return text.replace(' ', 'T') + (text.endsWith("Z") ? "" : "Z");
        default:
          return text;
      }
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExitException(ExitException.FAILED, "interrupted while athena ran a query");
    }
  }
}
