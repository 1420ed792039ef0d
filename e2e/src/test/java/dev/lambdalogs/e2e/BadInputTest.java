package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.e2e.support.Cli;
import dev.lambdalogs.e2e.support.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command with bad input, through the real entry point: a usage error is exit 2, said once
 * with a hint and no stack trace. Each runs against an endpoint that refuses connections, so exit 2
 * (rather than 1, "cannot reach") also proves that nothing was called before the input was checked.
 */
class BadInputTest {
  static Cli cli;
  static String refused;

  @TempDir static Path tmp;
  static Path file;

  @BeforeAll
  static void setUp() throws IOException {
    refused = "http://127.0.0.1:" + MotoServer.freePort(); // nothing listens there
    cli = new Cli(refused);
    file = Files.writeString(tmp.resolve("a-file"), "not a folder");
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        usage("not a valid S3 bucket name", "install", "-f", "fn", "--bucket", ""),
        usage(
            "not a valid S3 bucket name",
            "install",
            "-f",
            "fn",
            "--bucket",
            "My_Logs_Bucket",
            "--dry-run"),
        usage("not a valid S3 bucket name", "install", "-f", "fn", "--bucket", "logs..archive"),
        usage("not a valid S3 bucket name", "tail", "--bucket", "ab"),
        usage("1 or more", "install", "-f", "fn", "--retention-days", "-5"),
        usage("1 or more", "install", "-f", "fn", "--retention-days", "0"),
        usage("not a number of days", "install", "-f", "fn", "--retention-days", "thirty"),
        usage("from 1 to 3600", "install", "-f", "fn", "--flush-interval", "0"),
        usage(
            "not a regular expression: Illegal character range",
            "install",
            "--function-regex",
            "([a-"),
        usage("not a regular expression", "status", "--function-regex", "("),
        usage("not a regular expression", "tail", "--grep", "*oops"),
        usage("'team' is not KEY=VALUE", "install", "--tag", "team"),
        usage("'=web' is not KEY=VALUE", "uninstall", "--tag", "=web"),
        usage("not a telemetry type", "install", "-f", "fn", "--types", "platform,bogus"),
        usage("not an event type", "tail", "--types", "bogus"),
        usage("Missing required parameter: 'SQL'", "query"),
        usage("Invalid value for option '--engine'", "query", "--engine", "spark", "SELECT 1"),
        usage("-o csv is for query only", "status", "-o", "csv"),
        usage("Invalid value for option '--since'", "stats", "--since", "last week"),
        usage("drop --dir", "query", "--engine", "athena", "--dir", tmp.toString(), "SELECT 1"),
        usage(
            "--results takes an S3 URI",
            "athena",
            "setup",
            "--bucket",
            "team-logs",
            "--results",
            "/tmp/x"),
        usage("Missing required subcommand", "athena"),
        usage("name the functions", "install"),
        usage("name the functions", "uninstall", "--exclude", "legacy-*"),
        usage("Unknown option: '--bogus'", "install", "--bogus"),
        usage("Did you mean: --dry-run", "install", "--dry-rnu"),
        usage("Invalid value for option '--since'", "tail", "--since", "yesterday"),
        usage("Invalid value for option '--format'", "tail", "--format", "xml"),
        usage("does not exist", "tail", "--dir", "/nonexistent"),
        usage(
            "is not a folder",
            "download",
            "-f",
            "fn",
            "--since",
            "1h",
            "--dir",
            file.toString(),
            "--to",
            "x"),
        usage(
            "is not a folder",
            "download",
            "-f",
            "fn",
            "--since",
            "1h",
            "--to",
            file.resolve("sub").toString()),
        usage("Missing required option: '--to=DIR'", "download", "-f", "fn", "--since", "1h"),
        usage("Missing required subcommand", "layer"),
        usage("Unknown option: '--no-such-option'", "layer", "build", "--no-such-option"),
        usage("Missing required subcommand"),
        usage("Unmatched argument at index 0: 'instal'", "instal"));
  }

  private static Arguments usage(String says, String... args) {
    return Arguments.of(says, List.of(args));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("usageErrors")
  void aUsageErrorIsExit2SaidOnceWithAHintAndNothingCalled(String says, List<String> args) {
    // the commands that call nothing take no AWS options
    boolean aws =
        !args.isEmpty()
                && List.of("install", "uninstall", "status", "tail", "download", "query", "stats")
                    .contains(args.get(0))
            || args.size() > 1 && args.get(1).equals("setup");
    Cli.Run run = (aws ? cli : new Cli(List.of())).run(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .as(run.toString())
        .contains(says)
        .contains("--help' for the options")
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("Usage:");
    assertThat(occurrences(run.err(), says)).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
  }

  static Stream<Arguments> unreachable() {
    return Stream.of(
        Arguments.of(List.of("status")),
        Arguments.of(List.of("status", "-f", "fn", "--check")),
        Arguments.of(List.of("install", "-f", "fn")),
        Arguments.of(List.of("install", "--tag", "team=web", "--dry-run")),
        Arguments.of(List.of("uninstall", "--tag", "team=web")),
        Arguments.of(List.of("layer", "publish")),
        Arguments.of(List.of("tail", "--bucket", "some-bucket")),
        Arguments.of(List.of("tail", "-f", "fn")),
        Arguments.of(
            List.of(
                "download",
                "--bucket",
                "some-bucket",
                "--since",
                "1h",
                "--to",
                tmp.resolve("d").toString())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreachable")
  void anEndpointThatRefusesConnectionsIsNamedWithWhatToCheck(List<String> args) {
    Cli.Run run = cli.run(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .as(run.toString())
        .contains(
            "lambdalogs: cannot reach " + refused + " (Connection refused): check --endpoint-url")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreachable")
  void aHostThatDoesNotResolveIsNamedWithWhatToCheck(List<String> args) {
    Cli.Run run = new Cli("http://no-such-host.invalid:4566").run(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .as(run.toString())
        .contains("lambdalogs: cannot reach http://no-such-host.invalid:4566 (unknown host)")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
