package dev.lambdalogs.cli.output;

import dev.lambdalogs.cli.query.AthenaSetup;
import dev.lambdalogs.cli.query.AthenaTable;
import dev.lambdalogs.contract.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** athena setup's output: what it did to each of the three, the DDL, and a first query. */
public final class AthenaReport {
  private AthenaReport() {}

  public static void print(
      PrintWriter out, boolean json, AthenaTable table, AthenaSetup.Done plan, boolean dryRun) {
    String db = table.database();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("dryRun", dryRun);
      doc.put("database", entry(db, plan.database()));
      doc.put("table", entry(db + "." + AthenaTable.TABLE, plan.table()));
      doc.put("view", entry(db + "." + AthenaTable.VIEW, plan.view()));
      doc.put("location", table.location());
      doc.put("functions", table.functions());
      doc.put("ddl", List.of(table.tableDdl(), table.viewDdl()));
      doc.put("sample", table.sampleQuery());
      out.println(Json.write(doc));
    } else {
      String would = dryRun ? " (would be)" : "";
      out.println("database " + db + ": " + word(plan.database()) + would);
      out.println("table " + db + "." + AthenaTable.TABLE + ": " + word(plan.table()) + would);
      out.println("view " + db + "." + AthenaTable.VIEW + ": " + word(plan.view()) + would);
      out.println();
      out.println("-- the table, made through Glue's API; as Athena's DDL:");
      out.println(table.tableDdl());
      out.println();
      out.println("-- the view, run through Athena:");
      out.println(table.viewDdl() + ";");
      out.println();
      out.println("Try: " + table.sampleQuery());
    }
    out.flush();
  }

  private static Map<String, Object> entry(String name, AthenaSetup.Action action) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("name", name);
    e.put("action", action.toString().toLowerCase(Locale.ROOT));
    return e;
  }

  private static String word(AthenaSetup.Action action) {
    return action.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
