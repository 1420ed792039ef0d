package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.query.LocalCopies;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How query and stats fetch the range's objects for the local engine, and where they keep them. */
public final class EngineOptions {
  @Mixin FetchOptions fetch;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "Where copies of a bucket's objects are kept (default: LAMBDALOGS_CACHE_DIR, else"
              + " ~/.cache/lambdalogs). Delete it at will: what is missing is fetched again.")
  Path cacheDir;

  Path cache() {
    return cacheDir != null ? cacheDir : LocalCopies.defaultCache();
  }
}
