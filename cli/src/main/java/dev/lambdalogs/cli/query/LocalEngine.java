package dev.lambdalogs.cli.query;

import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.contract.archive.ArchiveLayout;
import dev.lambdalogs.contract.time.Times;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * DuckDB, embedded, over local copies of the range's objects: the gzip JSON Lines are read where
 * they lie, never loaded whole. Memory is capped; past the cap DuckDB spills to the cache folder.
 * Nothing is downloaded at run time: the JSON reader is built into the driver.
 */
public final class LocalEngine implements AutoCloseable {
  /** DuckDB's memory cap: what a laptop or a CI runner spares without noticing. */
  static final String MEMORY_LIMIT = "512MB";

  private final Connection connection;

  private LocalEngine(Connection connection) {
    this.connection = connection;
  }

  /**
   * An engine whose view {@code logs} holds the events of these objects inside the range; it spills
   * what exceeds its memory under {@code cache}.
   */
  public static LocalEngine open(
      List<LocalCopies.Copy> copies, Instant from, Instant to, Path cache) {
    try {
      Connection connection = DriverManager.getConnection("jdbc:duckdb:");
      LocalEngine engine = new LocalEngine(connection);
      try (Statement s = connection.createStatement()) {
        s.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
        s.execute("SET temp_directory = " + literal(cache.resolve("spill")));
        s.execute("SET preserve_insertion_order = false");
        s.execute("SET autoinstall_known_extensions = false");
        s.execute("SET TimeZone = 'UTC'");
        s.execute(
            "CREATE TABLE objects"
                + " (file VARCHAR, key VARCHAR, function VARCHAR, environment VARCHAR)");
      }
      engine.insert(copies);
      try (Statement s = connection.createStatement()) {
        s.execute(LogsView.duckdb(events(copies), timestamp(from), timestamp(to)));
      }
      return engine;
    } catch (SQLException e) {
      throw new ExitException(
          ExitException.FAILED, "the local query engine (DuckDB) failed to start: " + first(e));
    }
  }

  /** Runs one statement and hands its result, if it has one, to {@code rows}. */
  public void run(String sql, Rows rows) {
    try (Statement s = connection.createStatement()) {
      if (s.execute(sql)) {
        try (ResultSet result = s.getResultSet()) {
          stream(result, rows);
        }
      } else {
        rows.columns(List.of());
        rows.end();
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /**
   * One statement a thousand objects: DuckDB runs a JDBC batch one row at a time, which cost 3 s
   * for 10,000 objects.
   */
  private void insert(List<LocalCopies.Copy> copies) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (int from = 0; from < copies.size(); from += 1_000) {
        StringBuilder values = new StringBuilder("INSERT INTO objects VALUES ");
        for (int i = from; i < Math.min(copies.size(), from + 1_000); i++) {
          LocalCopies.Copy copy = copies.get(i);
          values
              .append(i == from ? "(" : ", (")
              .append(literal(copy.file().toString()))
              .append(", ")
              .append(literal(copy.key()))
              .append(", ")
              .append(literal(copy.function()))
              .append(", ")
              .append(literal(ArchiveLayout.environment(copy.key())))
              .append(')');
        }
        s.execute(values.toString());
      }
    }
  }

  /** The objects' lines as a table: each a Telemetry event, with the file it came from. */
  private static String events(List<LocalCopies.Copy> copies) {
    if (copies.isEmpty()) {
      return "(SELECT NULL::VARCHAR AS \"time\", NULL::VARCHAR AS \"type\", NULL::JSON AS record,"
          + " NULL::VARCHAR AS requestId, NULL::VARCHAR AS filename WHERE false)";
    }
    String files =
        copies.stream().map(c -> literal(c.file())).collect(Collectors.joining(", ", "[", "]"));
    return "read_json("
        + files
        + ", format = 'newline_delimited', filename = true,"
        + " columns = {'time': 'VARCHAR', 'type': 'VARCHAR', 'record': 'JSON',"
        + " 'requestId': 'VARCHAR'})";
  }

  private static void stream(ResultSet result, Rows rows) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    int n = meta.getColumnCount();
    List<String> names = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      names.add(meta.getColumnLabel(i));
    }
    rows.columns(names);
    while (result.next()) {
      List<Object> values = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        values.add(value(result, meta.getColumnType(i), i));
      }
      rows.row(values);
    }
    rows.end();
  }

  /** A cell as the formats print it: timestamps as ISO-8601 UTC, numbers as numbers. */
  private static Object value(ResultSet result, int type, int i) throws SQLException {
    Object value = result.getObject(i);
    if (value == null) {
      return null;
    }
    if (type == Types.TIMESTAMP) {
      LocalDateTime t = result.getObject(i, LocalDateTime.class);
      return Times.iso(t.toInstant(ZoneOffset.UTC).toEpochMilli());
    }
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger() : (Object) d.doubleValue();
    }
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return null;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return result.getString(i);
  }

  /**
   * The user's SQL at fault (it does not parse, or names what is not there) is bad usage; anything
   * else, such as an object that is not JSON Lines, a failure.
   */
  private static ExitException failed(SQLException e) {
    String message = first(e);
    boolean usage =
        message.startsWith("Parser Error")
            || message.startsWith("Binder Error")
            || message.startsWith("Catalog Error");
    return new ExitException(
        usage ? ExitException.USAGE : ExitException.FAILED,
        "the query failed: " + message + (usage ? LogsView.hint() : ""));
  }

  private static String first(SQLException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).strip();
  }

  private static String literal(Path path) {
    return literal(path.toString());
  }

  private static String literal(String text) {
    return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
  }

  private static String timestamp(Instant t) {
    return Times.iso(t.toEpochMilli()).replace('T', ' ').replace("Z", "");
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // an in-memory database: nothing is lost with it
    }
  }
}
