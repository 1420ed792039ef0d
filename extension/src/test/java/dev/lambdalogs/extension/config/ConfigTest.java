package dev.lambdalogs.extension.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.extension.util.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ConfigTest {
  /** Runs the reading with stderr captured; returns what it printed. */
  static String stderrOf(Supplier<Config> read, Config[] out) {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      out[0] = read.get();
    } finally {
      System.setErr(saved);
      Log.setLevel(Log.Level.WARN);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theDocumentedDefaults() {
    Config[] c = new Config[1];
    String err =
        stderrOf(
            () -> Config.from(Map.of("LAMBDALOGS_BUCKET", "b", "AWS_LAMBDA_FUNCTION_NAME", "fn")),
            c);
    assertThat(err).isEmpty();
    Config config = c[0];
    assertThat(config.bucket()).isEqualTo("b");
    assertThat(config.prefix()).isEqualTo("lambda-logs/");
    assertThat(config.types()).isEqualTo(Set.of("platform", "function"));
    assertThat(config.flushIntervalMs()).isEqualTo(60_000);
    assertThat(config.flushBytes()).isEqualTo(4_194_304);
    assertThat(config.gzip()).isTrue();
    assertThat(config.logLevel()).isEqualTo(Log.Level.WARN);
    assertThat(config.endpoint()).isNull();
    assertThat(config.pathStyle()).isFalse();
    assertThat(config.localDir()).isNull();
    assertThat(config.functionName()).isEqualTo("fn");
    assertThat(config.maxBufferBytes()).isEqualTo(4_194_304);
    assertThat(config.hasDestination()).isTrue();
  }

  @Test
  void everyValueSet() {
    Config[] c = new Config[1];
    String err =
        stderrOf(
            () ->
                Config.from(
                    Map.ofEntries(
                        Map.entry("LAMBDALOGS_PREFIX", "logs"),
                        Map.entry("LAMBDALOGS_TYPES", "extension, PLATFORM"),
                        Map.entry("LAMBDALOGS_FLUSH_INTERVAL_S", "5"),
                        Map.entry("LAMBDALOGS_FLUSH_BYTES", "65536"),
                        Map.entry("LAMBDALOGS_COMPRESSION", "none"),
                        Map.entry("AWS_ENDPOINT_URL", "http://other:1"),
                        Map.entry("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"),
                        Map.entry("LAMBDALOGS_S3_PATH_STYLE", "true"),
                        Map.entry("LAMBDALOGS_LOCAL_DIR", "/tmp/archive"),
                        Map.entry("LAMBDALOGS_LOG_LEVEL", "debug"))),
            c);
    assertThat(err).isEmpty();
    Config config = c[0];
    assertThat(config.prefix()).isEqualTo("logs/");
    assertThat(config.types()).isEqualTo(Set.of("extension", "platform"));
    assertThat(config.flushIntervalMs()).isEqualTo(5_000);
    assertThat(config.flushBytes()).isEqualTo(65_536);
    assertThat(config.gzip()).isFalse();
    assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(config.pathStyle()).isTrue();
    assertThat(config.localDir()).isEqualTo(Path.of("/tmp/archive"));
    assertThat(config.logLevel()).isEqualTo(Log.Level.DEBUG);
    assertThat(config.hasDestination()).as("a local folder is a destination").isTrue();
  }

  @Test
  void eachBadValueIsReportedOnceByNameAndTheDefaultUsed() {
    Config[] c = new Config[1];
    String err =
        stderrOf(
            () ->
                Config.from(
                    Map.of(
                        "LAMBDALOGS_FLUSH_INTERVAL_S",
                        "0",
                        "LAMBDALOGS_FLUSH_BYTES",
                        "lots",
                        "LAMBDALOGS_TYPES",
                        "platform,metrics",
                        "LAMBDALOGS_COMPRESSION",
                        "zstd",
                        "LAMBDALOGS_S3_PATH_STYLE",
                        "maybe",
                        "LAMBDALOGS_LOG_LEVEL",
                        "loud",
                        "AWS_ENDPOINT_URL_S3",
                        "not a url",
                        "LAMBDALOGS_PREFIX",
                        "/abs")),
            c);
    for (String name :
        new String[] {
          "LAMBDALOGS_FLUSH_INTERVAL_S=0",
          "LAMBDALOGS_FLUSH_BYTES=lots",
          "LAMBDALOGS_TYPES=platform,metrics",
          "LAMBDALOGS_COMPRESSION=zstd",
          "LAMBDALOGS_S3_PATH_STYLE=maybe",
          "LAMBDALOGS_LOG_LEVEL=loud",
          "AWS_ENDPOINT_URL_S3/AWS_ENDPOINT_URL=not a url",
          "LAMBDALOGS_PREFIX=/abs"
        }) {
      assertThat(err.lines().filter(l -> l.contains(name + " is not valid"))).as(name).hasSize(1);
    }
    Config config = c[0];
    assertThat(config.flushIntervalMs()).isEqualTo(60_000);
    assertThat(config.flushBytes()).isEqualTo(4_194_304);
    assertThat(config.types()).isEqualTo(Set.of("platform", "function"));
    assertThat(config.gzip()).isTrue();
    assertThat(config.endpoint()).isNull();
    assertThat(config.prefix()).isEqualTo("lambda-logs/");
    assertThat(config.hasDestination()).as("no bucket").isFalse();
  }
}
