package dev.lambdalogs.e2e.bench;

import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.S3;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes the classlist (e2e/target/classlist; copy it over cli/src/jre/classlist): the JDK classes
 * the extension loads from start to shutdown, recorded from a run of the -jre layer in the sandbox,
 * writing to moto's S3. build-jre.sh makes the runtime's CDS archive from it, so those classes are
 * mapped rather than parsed at every cold start. Run it after changing what the extension uses:
 * {@code ./mvnw -Pclasslist verify -DskipTests}.
 */
public final class ClassListTraining {
  private ClassListTraining() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path recorded = Files.createTempFile("classlist-", ".txt");
    try (MotoServer moto = MotoServer.start();
        S3Client s3 = S3.client(moto.endpoint())) {
      s3.createBucket(b -> b.bucket("training"));
      Map<String, String> env = new HashMap<>(Environment.s3(moto.endpoint(), "training"));
      env.remove("LAMBDALOGS_JAVA");
      env.put("JAVA_TOOL_OPTIONS", "-XX:DumpLoadedClassList=" + recorded);
      env.put(
          "LAMBDALOGS_FLUSH_BYTES",
          "65536"); // writes during the invocations too, not only at shutdown
      train(env);
    }
    // only the JDK's classes: the extension's own would tie the archive to one class path
    List<String> jdk =
        Files.readAllLines(recorded).stream().filter(l -> !l.contains("dev/lambdalogs")).toList();
    Files.write(out, jdk);
    System.out.println(jdk.size() + " classes written to " + out.toAbsolutePath());
  }

  private static void train(Map<String, String> env) throws Exception {
    try (Sandbox sandbox =
        Sandbox.start(
            Environment.layer(true), new LambdaFunction("training_fn", env), Limits.defaults())) {
      for (int i = 0; i < 3; i++) {
        sandbox.invoke(
            invocation -> {
              for (int line = 0; line < 1_000; line++) {
                invocation.log("training line " + line);
              }
            });
      }
      sandbox.shutdown();
    }
  }
}
