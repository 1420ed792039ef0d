package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.service.Aws;
import dev.lambdalogs.cli.service.Buckets;
import dev.lambdalogs.cli.service.Installer;
import dev.lambdalogs.cli.service.Installer.FleetPlan;
import dev.lambdalogs.cli.service.Target;
import dev.lambdalogs.cli.util.Parallel;
import dev.lambdalogs.contract.settings.Settings;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Puts the extension on functions: publishes the layer (once per extension build), creates or "
          + "reuses the bucket, grants each function s3:PutObject on its own prefix, adds the layer and the "
          + "LAMBDALOGS_* variables. Safe to run twice: the second run changes nothing."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lambdalogs install --function greeter_fn",
      "  lambdalogs install --tag team=web --exclude 'legacy-*' --retention-days 30 --dry-run",
      "  lambdalogs install --function-regex '^api-' --bucket my-team-lambda-logs -o json"
    })
public final class InstallCommand extends FleetCommand {
  @Option(
      names = "--bucket",
      paramLabel = "BUCKET",
      converter = Converters.BucketName.class,
      description = "Destination bucket (default: lambdalogs-ACCOUNT-REGION).")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      defaultValue = Settings.DEFAULT_PREFIX,
      description = "Key prefix (default: ${DEFAULT-VALUE}).")
  String prefix;

  @Option(
      names = "--retention-days",
      paramLabel = "N",
      converter = Converters.Days.class,
      description =
          "Expire objects after N days (1 or more): set on a new bucket, and on an existing one in a rule of "
              + "its own, its other rules kept.")
  Integer retentionDays;

  @Option(
      names = "--types",
      paramLabel = "TYPE",
      split = ",",
      converter = Converters.TelemetryType.class,
      description =
          "Telemetry types to ship: platform, function, extension (default: platform,function).")
  List<String> types;

  @Option(
      names = "--flush-interval",
      paramLabel = "SECONDS",
      converter = Converters.FlushSeconds.class,
      description = "Longest time a log line waits in memory before it is written (default: 60).")
  Integer flushInterval;

  @Option(
      names = "--disable-cloudwatch",
      description =
          "Also deny the function's writes to its own CloudWatch log group, so its logs go to S3 only.")
  boolean disableCloudWatch;

  @Override
  Supplier<Buckets.Plan> planBucket(Aws aws) {
    String region = aws.region();
    return Parallel.start(
        () ->
            new Buckets(aws)
                .plan(
                    bucket != null ? bucket : Buckets.defaultName(aws.account(), region),
                    region,
                    retentionDays));
  }

  @Override
  FleetPlan plan(Installer installer, List<Target> targets, Buckets.Plan bucket) {
    return installer.planInstall(
        targets,
        bucket,
        new Installer.Choices(
            bucket.bucket(),
            Settings.keyPrefix(prefix),
            types == null ? null : String.join(",", types),
            flushInterval,
            disableCloudWatch),
        dryRun);
  }
}
