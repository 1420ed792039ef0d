package dev.lambdalogs.cli.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Per function, from its platform.report and platform.initReport events and its lines: what
 * `lambdalogs stats` shows, as CloudWatch's Lambda metrics would, and what its compute cost at list
 * price.
 */
public record FunctionStats(
    String function,
    long invocations,
    long errors,
    long coldStarts,
    Double p50Ms,
    Double p99Ms,
    Double maxMs,
    Long maxMemoryMb,
    double gbSeconds,
    double costUsd) {

  /**
   * Lambda's x86_64 list price in us-east-1 and most regions, first tier
   * (aws.amazon.com/lambda/pricing).
   */
  public static final double USD_PER_GB_SECOND = 0.0000166667;

  public static final double USD_PER_REQUEST = 0.20 / 1_000_000;

  public static final String PRICE =
      "x86_64 list price of us-east-1 and most regions, first tier: $0.0000166667 per GB-second"
          + " and $0.20 per million requests (arm64 costs 20% less per GB-second)";

  /**
   * Durations are of {@code durationMs}, percentiles interpolated between the two nearest reports;
   * GB-seconds are billed duration times configured memory; errors are reports whose status is not
   * success plus lines of level ERROR, FATAL or CRITICAL; cold starts are init phases.
   */
  static final String SQL =
      "WITH reports AS (SELECT function,"
          + " CAST(json_extract(record, '$.metrics.durationMs') AS DOUBLE) AS duration,"
          + " CAST(json_extract(record, '$.metrics.billedDurationMs') AS DOUBLE) AS billed,"
          + " CAST(json_extract(record, '$.metrics.memorySizeMB') AS DOUBLE) AS memory,"
          + " CAST(json_extract(record, '$.metrics.maxMemoryUsedMB') AS BIGINT) AS used,"
          + " json_extract_string(record, '$.status') AS status"
          + " FROM logs WHERE type = 'platform.report'),"
          + " per_report AS (SELECT function, count(*) AS invocations,"
          + " count(*) FILTER (WHERE status <> 'success') AS failed,"
          + " quantile_cont(duration, 0.5) AS p50, quantile_cont(duration, 0.99) AS p99,"
          + " max(duration) AS slowest, max(used) AS memory,"
          + " coalesce(sum(billed / 1000 * memory / 1024), 0) AS gb_seconds"
          + " FROM reports GROUP BY function),"
          + " per_line AS (SELECT function,"
          + " count(*) FILTER (WHERE level IN ('ERROR', 'FATAL', 'CRITICAL')) AS error_lines,"
          + " count(*) FILTER (WHERE type = 'platform.initReport'"
          + " AND coalesce(json_extract_string(record, '$.phase'), 'init') = 'init') AS cold"
          + " FROM logs GROUP BY function)"
          + " SELECT l.function, coalesce(r.invocations, 0), coalesce(r.failed, 0) + l.error_lines,"
          + " l.cold, r.p50, r.p99, r.slowest, r.memory, coalesce(r.gb_seconds, 0)"
          + " FROM per_line l LEFT JOIN per_report r USING (function) ORDER BY l.function";

  /** Every function with events in the engine's range. */
  public static List<FunctionStats> of(LocalEngine engine) {
    List<FunctionStats> stats = new ArrayList<>();
    engine.run(
        SQL,
        new Rows() {
          @Override
          public void columns(List<String> names) {}

          @Override
          public void row(List<Object> v) {
            long invocations = ((Number) v.get(1)).longValue();
            double gbSeconds = ((Number) v.get(8)).doubleValue();
            stats.add(
                new FunctionStats(
                    (String) v.get(0),
                    invocations,
                    ((Number) v.get(2)).longValue(),
                    ((Number) v.get(3)).longValue(),
                    decimal(v.get(4)),
                    decimal(v.get(5)),
                    decimal(v.get(6)),
                    v.get(7) == null ? null : ((Number) v.get(7)).longValue(),
                    gbSeconds,
                    gbSeconds * USD_PER_GB_SECOND + invocations * USD_PER_REQUEST));
          }

          @Override
          public void end() {}
        });
    return stats;
  }

  private static Double decimal(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }
}
