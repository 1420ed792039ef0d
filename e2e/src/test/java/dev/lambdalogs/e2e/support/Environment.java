package dev.lambdalogs.e2e.support;

import dev.lambdalogs.cli.layer.Layer;
import dev.lambdalogs.cli.util.Folders;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real layer zip, unzipped once, run in the sandbox emulator with the settings a test gives.
 */
public final class Environment {
  private static final Map<Boolean, Path> LAYERS = new HashMap<>();

  private Environment() {}

  /** The layer as `lambdalogs layer build [--jre]` makes it, unzipped to a temporary folder. */
  public static synchronized Path layer(boolean withJre) throws IOException {
    Path layer = LAYERS.get(withJre);
    if (layer == null) {
      layer = Files.createTempDirectory("lambdalogs-layer-");
      deleteAtExit(layer);
      Layer.unzip(
          Layer.build(withJre ? Layer.Bundle.JRE_X86_64 : Layer.Bundle.NONE).bytes(), layer);
      LAYERS.put(withJre, layer);
    }
    return layer;
  }

  /** Each suite's JVM unzips its own (68 MB with the JRE): gone when it ends, failed or not. */
  private static void deleteAtExit(Path folder) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Folders.delete(folder);
                  } catch (IOException e) {
                    System.err.println("could not delete " + folder + ": " + e);
                  }
                }));
  }

  /** The variables a function writing to this S3 endpoint has, before the test's own. */
  public static Map<String, String> s3(URI endpoint, String bucket) {
    Map<String, String> env = new HashMap<>();
    env.put("LAMBDALOGS_BUCKET", bucket);
    env.put("AWS_ENDPOINT_URL_S3", endpoint.toString());
    env.put("LAMBDALOGS_S3_PATH_STYLE", "true");
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_SESSION_TOKEN", "testing-session");
    // -Dbench.extensionJava=e2e/bench/extension-java.sh records the plain layer's JVM
    // (docs/benchmarks.md)
    env.put(
        "LAMBDALOGS_JAVA",
        System.getProperty(
            "bench.extensionJava",
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    return env;
  }

  public static Sandbox start(String function, Map<String, String> env) throws IOException {
    return start(new LambdaFunction(function, env), Limits.defaults());
  }

  public static Sandbox start(LambdaFunction function, Limits options) throws IOException {
    return Sandbox.start(layer(false), function, options);
  }

  /** Invokes the function {@code times} times; each logs one line, its text then its request id. */
  public static List<String> invokeLogging(Sandbox sandbox, int times, String text) {
    List<String> logged = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      sandbox.invoke(
          invocation -> {
            String line = text + " " + invocation.requestId();
            logged.add(line);
            invocation.log(line);
          });
    }
    return logged;
  }

  /**
   * Waits until the extension has printed a line containing {@code text}. Called from a handler, it
   * keeps the environment thawed until the extension has got that far, however slow the machine.
   */
  public static void awaitOutput(Sandbox sandbox, String text) throws InterruptedException {
    Await.until(
        "the extension prints \"" + text + "\"",
        () -> sandbox.extensionOutput().stream().anyMatch(line -> line.contains(text)));
  }

  public static Map<String, String> with(Map<String, String> env, String... keysAndValues) {
    Map<String, String> copy = new HashMap<>(env);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      copy.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return copy;
  }
}
