package dev.lambdalogs.e2e.support;

import dev.lambdalogs.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The real CLI entry point, run in this JVM against the test's AWS emulator. */
public final class Cli {
  public record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private final List<String> global;

  /** Credentials for the SDK's default chain: the emulator takes any. */
  public Cli(String endpoint) {
    this(List.of("--endpoint-url", endpoint, "--region", "us-east-1"));
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  /** With only these global options: no region, no credentials unless the test sets them. */
  public Cli(List<String> global) {
    // never ask the EC2 instance metadata service: tests talk to loopback only
    System.setProperty("aws.disableEc2Metadata", "true");
    this.global = global;
  }

  public Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(global);
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}
