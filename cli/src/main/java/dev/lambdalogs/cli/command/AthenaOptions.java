package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.query.AthenaEngine;
import dev.lambdalogs.cli.service.Archives;
import dev.lambdalogs.cli.service.Aws;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where Athena finds the archive's table and writes its results. */
public final class AthenaOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--database",
      paramLabel = "NAME",
      defaultValue = "lambdalogs",
      description = "The Glue database of the table and view (default: ${DEFAULT-VALUE}).")
  String database;

  @Option(
      names = "--workgroup",
      paramLabel = "NAME",
      defaultValue = "primary",
      description = "The Athena workgroup (default: ${DEFAULT-VALUE}).")
  String workgroup;

  @Option(
      names = "--results",
      paramLabel = "S3URI",
      description =
          "Where Athena writes result files (default: s3://BUCKET/athena-results/, in the"
              + " archive's bucket).")
  String results;

  AthenaEngine engine(Aws aws, Archives.Location where, Consumer<String> progress) {
    if (where.bucket() == null) {
      throw new ParameterException(
          mixee.commandLine(), "athena reads a bucket, not a folder: drop --dir");
    }
    String output = results != null ? results : "s3://" + where.bucket() + "/athena-results/";
    if (!output.startsWith("s3://")) {
      throw new ParameterException(
          mixee.commandLine(), "--results takes an S3 URI such as s3://my-bucket/athena-results/");
    }
    return new AthenaEngine(
        aws.athena(where.region()),
        database,
        workgroup,
        output.endsWith("/") ? output : output + "/",
        progress);
  }
}
