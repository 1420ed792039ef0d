package dev.lambdalogs.cli.output;

import dev.lambdalogs.cli.query.FunctionStats;
import dev.lambdalogs.contract.json.Json;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** stats' output: a table with a bar of each function's p99 duration, or a JSON array. */
public final class StatsReport {
  static final int BAR = 20;

  private StatsReport() {}

  public static void print(PrintWriter out, boolean json, List<FunctionStats> stats) {
    if (json) {
      List<Object> array = new ArrayList<>();
      for (FunctionStats s : stats) {
        array.add(object(s));
      }
      out.println(Json.write(array));
    } else {
      table(out, stats);
    }
    out.flush();
  }

  /** Exactly these keys, documented in docs/query.md. */
  static Map<String, Object> object(FunctionStats s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("function", s.function());
    o.put("invocations", s.invocations());
    o.put("errors", s.errors());
    o.put("cold_starts", s.coldStarts());
    o.put("p50_ms", round(s.p50Ms(), 3));
    o.put("p99_ms", round(s.p99Ms(), 3));
    o.put("max_ms", round(s.maxMs(), 3));
    o.put("max_memory_mb", s.maxMemoryMb());
    o.put("gb_seconds", round(s.gbSeconds(), 6));
    o.put("cost_usd", round(s.costUsd(), 8));
    return o;
  }

  private static void table(PrintWriter out, List<FunctionStats> stats) {
    double slowest =
        stats.stream().mapToDouble(s -> s.p99Ms() == null ? 0 : s.p99Ms()).max().orElse(0);
    Table table =
        new Table(
            "FUNCTION",
            "INVOCATIONS",
            "ERRORS",
            "COLD",
            "P50 MS",
            "P99 MS",
            "MAX MS",
            "MAX MB",
            "GB-S",
            "COST USD",
            "P99");
    for (FunctionStats s : stats) {
      table.row(
          s.function(),
          s.invocations(),
          s.errors(),
          s.coldStarts(),
          round(s.p50Ms(), 1),
          round(s.p99Ms(), 1),
          round(s.maxMs(), 1),
          s.maxMemoryMb(),
          round(s.gbSeconds(), 3),
          round(s.costUsd(), 6),
          bar(s.p99Ms(), slowest));
    }
    table.print(out);
    out.println("Cost is estimated at Lambda's " + FunctionStats.PRICE + ".");
  }

  /** A bar as long as the value is against the largest, for the eye. */
  static String bar(Double value, double largest) {
    if (value == null || largest <= 0) {
      return "";
    }
    return "#".repeat((int) Math.max(1, Math.round(value / largest * BAR)));
  }

  private static BigDecimal round(Double value, int places) {
    return value == null
        ? null
        : BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros();
  }
}
