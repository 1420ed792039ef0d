package dev.lambdalogs.cli.output;

import dev.lambdalogs.cli.service.Status;
import dev.lambdalogs.contract.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What status found, for people or for scripts. */
public final class StatusReport {
  private StatusReport() {}

  /** The functions' rows: a table, or with {@code json} one document for scripts. */
  public static void print(PrintWriter out, List<Status.Row> rows, boolean json) {
    if (json) {
      out.println(Json.write(Map.of("functions", rows.stream().map(StatusReport::json).toList())));
      return;
    }
    Table table = new Table("FUNCTION", "RUNTIME", "ARCH", "EXTENSION", "STATE", "LOGS TO");
    rows.forEach(
        r ->
            table.row(
                r.function(),
                r.runtime(),
                r.architecture(),
                r.installed() ? r.layer() : "-",
                state(r),
                r.destination()));
    table.print(out);
  }

  private static String state(Status.Row r) {
    if (!r.applicable()) {
      return "not applicable: " + r.note();
    }
    String state = r.problems().isEmpty() ? "up to date" : String.join("; ", r.problems());
    return r.note() == null ? state : state + "; " + r.note();
  }

  private static Map<String, Object> json(Status.Row r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("function", r.function());
    m.put("region", r.region());
    m.put("runtime", r.runtime());
    m.put("architecture", r.architecture());
    m.put("applicable", r.applicable());
    m.put("installed", r.installed());
    m.put("layer", r.layer());
    m.put("upToDate", r.upToDate());
    m.put("destination", r.destination());
    m.put("problems", r.problems());
    m.put("note", r.note());
    return m;
  }
}
