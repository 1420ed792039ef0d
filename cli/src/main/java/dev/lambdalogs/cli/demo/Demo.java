package dev.lambdalogs.cli.demo;

import dev.lambdalogs.cli.archive.DirSource;
import dev.lambdalogs.cli.archive.Entry;
import dev.lambdalogs.cli.archive.Reader;
import dev.lambdalogs.cli.layer.Layer;
import dev.lambdalogs.cli.util.Folders;
import dev.lambdalogs.contract.settings.Settings;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.InitResult;
import dev.lambdalogs.sandbox.model.Invocation;
import dev.lambdalogs.sandbox.model.InvokeResult;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole pipeline on this machine: the real layer, unzipped and run in the sandbox emulator
 * beside a sample function that logs, writing its archive to a local folder instead of S3.
 */
public final class Demo {
  public static final String FUNCTION = "greeter_fn";
  private static final List<String> NAMES = List.of("Ada", "Grace", "Linus");

  /** What happened, for the command to show. */
  public record Result(
      String layerSha256,
      Path layerDir,
      Path archiveDir,
      InitResult init,
      List<InvokeResult> invocations,
      ShutdownResult shutdown,
      Map<String, Integer> objects,
      List<Entry> events) {}

  private Demo() {}

  public static Result run(Path dir) throws IOException {
    // a relative folder (the default) or one through a folder that is not there yet ("new/../demo")
    // means
    // the same to every step, the extension's process included, which starts in a folder of its own
    Path workDir = dir.toAbsolutePath().normalize();
    Path layerDir = workDir.resolve("layer");
    Path archiveDir = workDir.resolve("archive");
    Folders.delete(layerDir);
    Folders.delete(archiveDir);
    Layer.Zip zip = Layer.build(Layer.Bundle.NONE);
    Layer.unzip(zip.bytes(), layerDir);

    Map<String, String> env =
        Map.of(
            Settings.LOCAL_DIR, archiveDir.toAbsolutePath().toString(),
            Settings.JAVA, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<InvokeResult> invocations = new ArrayList<>();
    ShutdownResult shutdown;
    InitResult init;
    try (Sandbox sandbox =
        Sandbox.start(layerDir, new LambdaFunction(FUNCTION, env), Limits.defaults())) {
      init = sandbox.initResult();
      if (!init.ok()) {
        throw new IOException(
            "the extension failed its init: "
                + init.errorType()
                + ": "
                + init.errorMessage()
                + "\n"
                + String.join("\n", sandbox.extensionOutput()));
      }
      for (String name : NAMES) {
        invocations.add(sandbox.invoke(invocation -> greet(invocation, name)));
      }
      shutdown = sandbox.shutdown();
    }
    DirSource archive = new DirSource(archiveDir);
    List<Reader.Item> items =
        archive.list("", null).stream().map(o -> new Reader.Item(o, FUNCTION)).toList();
    Map<String, Integer> objects = new TreeMap<>();
    List<Entry> events = new ArrayList<>();
    new Reader(archive, 4, warning -> {})
        .read(
            items,
            e -> true,
            e -> {
              objects.merge(e.key(), 1, Integer::sum);
              events.add(e);
            });
    return new Result(
        zip.sha256(), layerDir, archiveDir, init, invocations, shutdown, objects, events);
  }

  /** The sample function: a greeting, with a few lines as a real handler would log them. */
  private static void greet(Invocation invocation, String name) {
    invocation.log("Received event {\"name\": \"" + name + "\"}");
    invocation.log("Hello, " + name + "!");
    if (name.length() > 4) {
      invocation.log("WARN", "long name, " + name.length() + " letters");
    }
  }
}
