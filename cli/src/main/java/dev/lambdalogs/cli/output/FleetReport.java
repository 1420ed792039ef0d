package dev.lambdalogs.cli.output;

import dev.lambdalogs.cli.service.Buckets;
import dev.lambdalogs.cli.service.Installer.FleetPlan;
import dev.lambdalogs.cli.service.Installer.Outcome;
import dev.lambdalogs.cli.service.Installer.Result;
import dev.lambdalogs.cli.service.Installer.State;
import dev.lambdalogs.contract.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** What install and uninstall did (or would do), for people or for scripts. */
public final class FleetReport {
  private FleetReport() {}

  /** One line a function on stderr as it finishes, for long runs. */
  public static synchronized void progress(PrintWriter err, Result r) {
    err.printf("%-12s %s: %s%n", label(r.outcome()), r.function(), r.detail());
    r.warnings().forEach(w -> err.printf("%-12s %s: %s%n", "warning", r.function(), w));
    err.flush();
  }

  /**
   * The plan's bucket and layers, and each function's outcome; with {@code details}, what changes
   * on each.
   */
  public static void text(PrintWriter out, FleetPlan plan, List<Result> results, boolean details) {
    if (plan.bucket() != null && details) {
      out.println("bucket: " + String.join("; ", plan.bucket().steps()));
    }
    if (details) {
      plan.layersToPublish().forEach(layer -> out.println("layer:  publish " + layer));
    }
    if (details) {
      results.forEach(r -> details(out, r));
    }
    Table table = new Table("FUNCTION", "REGION", "OUTCOME", "DETAIL");
    results.forEach(r -> table.row(r.function(), r.region(), label(r.outcome()), r.detail()));
    table.print(out);
    out.println(summary(results));
    out.flush();
  }

  private static void details(PrintWriter out, Result r) {
    out.println(r.function() + " (" + r.region() + "): " + r.detail());
    if (r.after() == null) {
      return;
    }
    out.println("  layers:    " + r.before().layers() + " -> " + r.after().layers());
    Map<String, String> changed = new TreeMap<>();
    r.after()
        .environment()
        .forEach(
            (k, v) -> {
              if (!v.equals(r.before().environment().get(k))) {
                changed.put(k, v);
              }
            });
    r.before().environment().keySet().stream()
        .filter(k -> !r.after().environment().containsKey(k))
        .forEach(k -> changed.put(k, "(removed)"));
    out.println("  variables: " + (changed.isEmpty() ? "unchanged" : changed));
    for (Map<String, Object> s : r.statements()) {
      out.println(
          "  grant:     " + s.get("Effect") + " " + s.get("Action") + " on " + s.get("Resource"));
    }
  }

  public static void json(
      PrintWriter out, String command, boolean dryRun, FleetPlan plan, List<Result> results) {
    Buckets.Plan bucket = plan.bucket();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("command", command);
    doc.put("dryRun", dryRun);
    if (bucket != null) {
      doc.put(
          "bucket",
          Map.of(
              "name",
              bucket.bucket(),
              "region",
              bucket.region(),
              "create",
              bucket.create(),
              "steps",
              bucket.steps()));
    }
    if (dryRun) {
      doc.put("publish", List.copyOf(plan.layersToPublish()));
    }
    doc.put("functions", results.stream().map(FleetReport::json).toList());
    doc.put("summary", counts(results));
    out.println(Json.write(doc));
    out.flush();
  }

  private static Map<String, Object> json(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("function", r.function());
    m.put("region", r.region());
    m.put("outcome", label(r.outcome()));
    m.put("detail", r.detail());
    m.put("before", state(r.before()));
    m.put("after", state(r.after()));
    m.put("grant", r.statements());
    m.put("warnings", r.warnings());
    return m;
  }

  private static Map<String, Object> state(State s) {
    if (s == null) {
      return null;
    }
    return Map.of("layers", s.layers(), "environment", s.environment());
  }

  private static Map<String, Long> counts(List<Result> results) {
    Map<String, Long> counts = new TreeMap<>();
    results.forEach(r -> counts.merge(label(r.outcome()), 1L, Long::sum));
    return counts;
  }

  /** "3 functions: 2 installed, 1 up to date". */
  private static String summary(List<Result> results) {
    StringJoiner counts = new StringJoiner(", ");
    counts(results).forEach((outcome, n) -> counts.add(n + " " + outcome));
    return results.size() + " function" + (results.size() == 1 ? "" : "s") + ": " + counts;
  }

  public static String label(Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
