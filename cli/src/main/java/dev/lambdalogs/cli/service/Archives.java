package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.archive.DirSource;
import dev.lambdalogs.cli.archive.S3Source;
import dev.lambdalogs.cli.archive.Source;
import dev.lambdalogs.contract.settings.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Finds the archive to read: a local folder, or the bucket and prefix given, or those a named
 * function ships to (its LAMBDALOGS_* variables), or install's defaults.
 */
public final class Archives {
  /** Where to read, and under which prefix; the bucket's name and region, when it is one. */
  public record Location(Source source, String prefix, String bucket, String region) {}

  private Archives() {}

  public static Location locate(
      Aws aws, Path dir, String bucket, String prefix, List<String> functions) {
    String chosenPrefix = prefix == null ? null : Settings.keyPrefix(prefix);
    String chosenBucket = bucket;
    if (dir == null && chosenBucket == null && !functions.isEmpty()) {
      Map<String, String> env =
          new Functions(aws).get(aws.region(), functions.get(0)).environment();
      chosenBucket = env.get(Settings.BUCKET);
      chosenPrefix = chosenPrefix != null ? chosenPrefix : Settings.prefixOf(env);
    }
    chosenPrefix = chosenPrefix == null ? Settings.DEFAULT_PREFIX : chosenPrefix;
    if (dir != null) {
      return new Location(new DirSource(dir), chosenPrefix, null, null);
    }
    String region = aws.region();
    if (chosenBucket == null) {
      chosenBucket = Buckets.defaultName(aws.account(), region);
    }
    return new Location(
        new S3Source(aws.bucket(chosenBucket, region), aws::signingCredentials, aws.watch()),
        chosenPrefix,
        chosenBucket,
        region);
  }
}
