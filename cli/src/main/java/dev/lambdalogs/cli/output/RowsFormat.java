package dev.lambdalogs.cli.output;

import dev.lambdalogs.cli.query.AthenaEngine;
import dev.lambdalogs.cli.query.Rows;
import dev.lambdalogs.contract.json.Json;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query's result as people or scripts read it: an aligned table, one JSON array of row objects,
 * or CSV with a header. JSON and CSV are written as rows come; the table holds its rows to align
 * them, up to {@link #TABLE_ROWS}, and says how many more there were.
 */
public final class RowsFormat {
  public static final int TABLE_ROWS = 10_000;

  private RowsFormat() {}

  /** What an Athena query read and cost, for stderr. */
  public static String scanned(AthenaEngine.Scan scan) {
    return "lambdalogs: athena scanned "
        + BigDecimal.valueOf(scan.bytes() / 1048576.0).setScale(1, RoundingMode.HALF_UP)
        + " MB: about $"
        + BigDecimal.valueOf(scan.usd()).setScale(6, RoundingMode.UP).toPlainString()
        + " at $5 per TB scanned, 10 MB at least (query "
        + scan.queryId()
        + ")";
  }

  public static Rows table(PrintWriter out, PrintWriter err) {
    return new Rows() {
      Table table;
      int rows;

      @Override
      public void columns(List<String> names) {
        table = new Table(names.toArray(String[]::new));
      }

      @Override
      public void row(List<Object> values) {
        if (++rows <= TABLE_ROWS) {
          table.row(values.stream().map(v -> v == null ? "" : v).toArray());
        }
      }

      @Override
      public void end() {
        if (table.width() > 0) {
          table.print(out);
        }
        out.println("(" + rows + (rows == 1 ? " row)" : " rows)"));
        out.flush();
        if (rows > TABLE_ROWS) {
          err.println(
              "lambdalogs: the table shows the first "
                  + TABLE_ROWS
                  + " rows: -o csv or -o json prints all "
                  + rows);
          err.flush();
        }
      }
    };
  }

  public static Rows json(PrintWriter out) {
    return new Rows() {
      List<String> names;
      boolean first = true;

      @Override
      public void columns(List<String> names) {
        this.names = names;
        out.print('[');
      }

      @Override
      public void row(List<Object> values) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          object.put(names.get(i), values.get(i));
        }
        out.print(first ? "\n" : ",\n");
        out.print(Json.write(object));
        first = false;
      }

      @Override
      public void end() {
        out.println(first ? "]" : "\n]");
        out.flush();
      }
    };
  }

  public static Rows csv(PrintWriter out) {
    return new Rows() {
      @Override
      public void columns(List<String> names) {
        line(new ArrayList<>(names));
      }

      @Override
      public void row(List<Object> values) {
        line(values);
      }

      @Override
      public void end() {
        out.flush();
      }

      /** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
      private void line(List<?> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
          String field = fields.get(i) == null ? "" : fields.get(i).toString();
          if (i > 0) {
            line.append(',');
          }
          if (field.indexOf(',') >= 0
              || field.indexOf('"') >= 0
              || field.indexOf('\n') >= 0
              || field.indexOf('\r') >= 0) {
            line.append('"').append(field.replace("\"", "\"\"")).append('"');
          } else {
            line.append(field);
          }
        }
        out.print(line.append("\r\n"));
      }
    };
  }
}
