package dev.lambdalogs.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where tail and download read: a bucket and prefix, or a local copy of the archive. */
public final class ArchiveOptions {
  @Option(names = {"-f", "--function"}, paramLabel = "NAME", description = "A function (repeatable). Default: every "
      + "function with logs under the prefix.")
  List<String> functions = new ArrayList<>();

  @Option(names = "--bucket", paramLabel = "BUCKET", description = "Default: the named function's LAMBDALOGS_BUCKET, "
      + "else install's default (lambdalogs-ACCOUNT-REGION).")
  String bucket;

  @Option(names = "--prefix", paramLabel = "PREFIX", description = "Default: the named function's LAMBDALOGS_PREFIX, "
      + "else lambda-logs/.")
  String prefix;

  @Option(names = "--dir", paramLabel = "DIR", description = "Read a local copy in the same layout instead "
      + "(LAMBDALOGS_LOCAL_DIR, lambdalogs demo, aws s3 sync).")
  Path dir;
}
