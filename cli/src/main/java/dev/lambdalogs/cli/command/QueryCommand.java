package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.output.RowsFormat;
import dev.lambdalogs.cli.query.AthenaEngine;
import dev.lambdalogs.cli.query.Rows;
import dev.lambdalogs.cli.service.Archives;
import dev.lambdalogs.cli.service.Aws;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs SQL over the archive's events of a time range: the view logs, one row per event, with"
          + " the columns time, function, type, request_id, level, message, record, environment,"
          + " key (docs/query.md).",
      "The local engine (DuckDB, embedded) reads copies of the range's objects, kept in the cache"
          + " folder (LAMBDALOGS_CACHE_DIR, else ~/.cache/lambdalogs) so that a second query over"
          + " the range fetches nothing."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lambdalogs query --since 1d \"SELECT function, count(*) AS errors FROM logs"
          + " WHERE level = 'ERROR' GROUP BY 1 ORDER BY 2 DESC\"",
      "  lambdalogs query -f greeter_fn --since 2h -o csv \"SELECT time, message FROM logs"
          + " WHERE request_id = '8f2c...' ORDER BY time\"",
      "  lambdalogs query --dir lambdalogs-demo/archive \"SELECT type, count(*) FROM logs GROUP BY 1\""
    })
public final class QueryCommand implements Callable<Integer>, GlobalOptions.Tabular {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin ArchiveOptions archive;

  @Mixin RangeOptions range;

  @Mixin EngineOptions engine;

  /** Where a query runs. */
  enum Engine {
    local,
    athena
  }

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "local",
      description =
          "local (DuckDB, embedded: nothing to set up) or athena (after lambdalogs athena setup;"
              + " for archives no single machine should scan). Default: ${DEFAULT-VALUE}.")
  Engine on;

  @Mixin AthenaOptions athena;

  @Parameters(paramLabel = "SQL", description = "One SQL statement over the view logs.")
  String sql;

  @Override
  public Integer call() throws Exception {
    Instant from = range.from();
    Instant until = range.until();
    PrintWriter err = spec.commandLine().getErr();
    try (Aws aws = new Aws(global.aws())) {
      Archives.Location where = archive.locate(aws);
      if (on == Engine.athena) {
        return athena(aws, where, from, until, err);
      }
      return archive.askLocally(
          where, from, until, engine, global.quiet, err, local -> local.run(sql, rows(err)));
    }
  }

  /** The same SQL through Athena, over the range's hour partitions; Ctrl-C stops the query. */
  private int athena(
      Aws aws, Archives.Location where, Instant from, Instant until, PrintWriter err) {
    AthenaEngine engine = athena.engine(aws, where, global.progress(err));
    try (Interruption stop = Interruption.then(engine::stop)) {
      AthenaEngine.Scan scan =
          engine.run(
              AthenaEngine.ranged(sql, athena.database, archive.functions, from, until), rows(err));
      if (!global.quiet) {
        err.println(RowsFormat.scanned(scan));
      }
    }
    return 0;
  }

  private Rows rows(PrintWriter err) {
    PrintWriter out = spec.commandLine().getOut();
    return switch (global.output) {
      case json -> RowsFormat.json(out);
      case csv -> RowsFormat.csv(out);
      case text -> RowsFormat.table(out, err);
    };
  }
}
