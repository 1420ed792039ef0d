package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.demo.Demo;
import dev.lambdalogs.cli.output.EventFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Runs the whole pipeline on this machine, with no AWS account: the real layer in a Lambda "
            + "sandbox emulator beside a sample function that logs, writing its archive to a local folder.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lambdalogs demo",
      "  lambdalogs demo --dir /tmp/demo && lambdalogs tail --dir /tmp/demo/archive --since 1h"
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "lambdalogs-demo",
      description = "Where the unzipped layer and the archive go (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "lambdalogs demo: the real layer in a Lambda sandbox emulator on this machine (no AWS account).");
    out.println();
    out.flush();
    Demo.Result r = Demo.run(dir);
    out.printf(
        "1. Built the layer (sha256:%s) and unzipped it to %s%n",
        r.layerSha256().substring(0, 12), r.layerDir());
    out.printf(
        "2. Started an execution environment for %s: the extension registered, subscribed to the%n"
            + "   Telemetry API and waited for events (init: %d ms)%n",
        Demo.FUNCTION, r.init().durationMs());
    out.printf(
        "3. Invoked %s %d times; between invocations the extension was frozen (SIGSTOP), as in Lambda%n",
        Demo.FUNCTION, r.invocations().size());
    out.printf(
        "4. Shut it down: the extension wrote what it held and exited with code %s in %d ms%n",
        r.shutdown().exitCodes().values(), r.shutdown().durationMs());
    out.println();
    out.printf(
        "The archive, in the same layout as in S3 (LAMBDALOGS_LOCAL_DIR=%s):%n", r.archiveDir());
    r.objects().forEach((key, events) -> out.printf("  %s  (%d events)%n", key, events));
    out.println();
    out.println(
        "What it holds, as `lambdalogs tail --dir " + r.archiveDir() + " --since 1h` shows it:");
    r.events().forEach(e -> out.println("  " + EventFormat.SHORT.format(e, false)));
    out.println();
    out.println(
        "Each line is the Telemetry API event exactly as delivered, plus requestId where known.");
    out.println(
        "Ask it questions in SQL: `lambdalogs stats --dir "
            + r.archiveDir()
            + "`, or `lambdalogs query --dir "
            + r.archiveDir()
            + " \"SELECT type, count(*) FROM logs GROUP BY 1\"` (docs/query.md).");
    out.println("Next: `lambdalogs install --function NAME` puts the layer on a real function.");
    return r.objects().isEmpty() ? 1 : 0;
  }
}
