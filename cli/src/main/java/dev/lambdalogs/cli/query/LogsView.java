package dev.lambdalogs.cli.query;

import java.util.List;

/**
 * The view {@code logs} that queries read, one row per stored event, with the same columns on both
 * engines (docs/query.md). A column's meaning is defined here once per engine's SQL dialect.
 */
public final class LogsView {
  /** The columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "time",
          "function",
          "type",
          "request_id",
          "level",
          "message",
          "record",
          "environment",
          "key");

  /**
   * A level at the start of a text line, as the Python runtime writes it ({@code [ERROR]\t...}),
   * and as Node.js's does ({@code 2026-...Z\t<request id>\tERROR\t...}): RE2 and Java syntax both.
   */
  static final String PYTHON_LEVEL = "^\\[([A-Za-z]+)\\]\\t";

  static final String NODE_LEVEL = "^\\d{4}-\\d\\d-\\d\\dT[^\\t]*\\t[^\\t]*\\t([A-Za-z]+)\\t";

  /** The environment id in an object's key: {@code <stamp>-<environment>-<sequence>.ndjson}. */
  static final String ENVIRONMENT = "[0-9]{8}T[0-9]{9}Z-(.+)-[0-9]+\\.ndjson(\\.gz)?$";

  private LogsView() {}

  /** What an error over the user's SQL adds: the view it can read. */
  static String hint() {
    return "; the view is logs (" + String.join(", ", COLUMNS) + ")";
  }

  /**
   * Athena's definition over the table of raw events (docs/query.md): the JSON SerDe gives {@code
   * record} as the JSON text of an object and as the text itself of a string.
   */
  static String athena(String table) {
    String line = "\"type\" IN ('function', 'extension')";
    return "SELECT"
        + " CAST(from_iso8601_timestamp(\"time\") AS timestamp) AS \"time\","
        + " function,"
        + " \"type\","
        + " coalesce(requestid, json_extract_scalar(record, '$.requestId')) AS request_id,"
        + " CASE WHEN "
        + line
        + " THEN upper(coalesce(json_extract_scalar(record, '$.level'),"
        + " regexp_extract(record, '"
        + PYTHON_LEVEL
        + "', 1), regexp_extract(record, '"
        + NODE_LEVEL
        + "', 1))) END AS level,"
        + " CASE WHEN "
        + line
        + " THEN coalesce(json_extract_scalar(record, '$.message'), record) END AS message,"
        + " record,"
        + " regexp_extract(\"$path\", '"
        + ENVIRONMENT
        + "', 1) AS environment,"
        + " regexp_replace(\"$path\", '^s3://[^/]+/', '') AS key"
        + " FROM "
        + table;
  }

  /**
   * DuckDB's definition over {@code events} (the objects' lines, with {@code filename}) joined to
   * {@code objects} (file, key, function, environment), inside the range.
   */
  static String duckdb(String events, String from, String to) {
    String text = "e.record->>'$'";
    return "CREATE VIEW logs AS SELECT"
        + " CAST(e.\"time\" AS TIMESTAMP) AS \"time\","
        + " o.function AS function,"
        + " e.\"type\" AS \"type\","
        + " coalesce(e.requestId, e.record->>'requestId') AS request_id,"
        + " CASE WHEN e.\"type\" IN ('function', 'extension') THEN upper("
        + "   CASE WHEN json_type(e.record) = 'OBJECT' THEN e.record->>'level'"
        + "   ELSE coalesce(nullif(regexp_extract("
        + text
        + ", '"
        + PYTHON_LEVEL
        + "', 1), ''), nullif(regexp_extract("
        + text
        + ", '"
        + NODE_LEVEL
        + "', 1), '')) END) END AS level,"
        + " CASE WHEN e.\"type\" IN ('function', 'extension') THEN"
        + "   CASE WHEN json_type(e.record) = 'VARCHAR' THEN "
        + text
        + " ELSE e.record->>'message' END END AS message,"
        + " CAST(e.record AS VARCHAR) AS record,"
        + " o.environment AS environment,"
        + " o.key AS key"
        + " FROM "
        + events
        + " e JOIN objects o ON o.file = e.filename"
        + " WHERE CAST(e.\"time\" AS TIMESTAMP) BETWEEN TIMESTAMP '"
        + from
        + "' AND TIMESTAMP '"
        + to
        + "'";
  }
}
