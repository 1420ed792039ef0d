package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.output.AthenaReport;
import dev.lambdalogs.cli.query.AthenaSetup;
import dev.lambdalogs.cli.query.AthenaTable;
import dev.lambdalogs.cli.service.Archives;
import dev.lambdalogs.cli.service.Aws;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Makes, or brings up to date, the Glue database, a table over the archive (JSON SerDe,"
          + " partition projection by function and hour: no partitions to add, ever) and the view"
          + " logs, with the same columns as the local engine's. Safe to run again: what is already"
          + " so is left alone.",
      "The functions are projected as the list of those with logs when it runs: run it again"
          + " after installing the extension on new functions."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lambdalogs athena setup",
      "  lambdalogs athena setup --bucket team-logs --database logs --dry-run"
    })
public final class AthenaSetupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin ArchiveOptions archive;

  @Mixin AthenaOptions athena;

  @Option(names = "--dry-run", description = "Print the DDL and change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try (Aws aws = new Aws(global.aws())) {
      Archives.Location where = archive.locate(aws);
      var engine = athena.engine(aws, where, global.progress(err));
      AthenaTable table =
          AthenaTable.over(
              athena.database,
              where.bucket(),
              where.prefix(),
              where.source().children(where.prefix()));
      AthenaSetup setup = new AthenaSetup(aws.glue(where.region()));
      AthenaSetup.Done plan = setup.plan(table);
      if (!dryRun) {
        setup.apply(table, plan, engine, global.progress(err));
      }
      AthenaReport.print(spec.commandLine().getOut(), global.json(), table, plan, dryRun);
      return 0;
    }
  }
}
