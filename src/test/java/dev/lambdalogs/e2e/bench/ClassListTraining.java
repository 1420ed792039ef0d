package dev.lambdalogs.e2e.bench;

import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes extension/src/jre/classlist: the JDK classes the extension loads from start to shutdown,
 * recorded from a run of the -jre layer in the sandbox. build-jre.sh makes the runtime's CDS archive from
 * it, so those classes are mapped rather than parsed at every cold start. Run it after changing what the
 * extension uses: {@code ./mvnw -Pclasslist verify -DskipTests}.
 */
public final class ClassListTraining {
  private ClassListTraining() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path recorded = Files.createTempFile("classlist-", ".txt");
    Path archive = Files.createTempDirectory("classlist-archive-");
    Map<String, String> env = new HashMap<>(Map.of("LAMBDALOGS_LOCAL_DIR", archive.toString(),
        "JAVA_TOOL_OPTIONS", "-XX:DumpLoadedClassList=" + recorded));
    try (Sandbox sandbox = Sandbox.start(Environment.layer(true), new Sandbox.Function("training_fn", env),
        Sandbox.Options.defaults())) {
      for (int i = 0; i < 3; i++) {
        sandbox.invoke(invocation -> {
          for (int line = 0; line < 1_000; line++) {
            invocation.log("training line " + line);
          }
        });
      }
      sandbox.shutdown();
    }
    // only the JDK's classes: the extension's own would tie the archive to one class path
    List<String> jdk = Files.readAllLines(recorded).stream().filter(l -> !l.contains("dev/lambdalogs")).toList();
    Files.write(out, jdk);
    System.out.println(jdk.size() + " classes written to " + out.toAbsolutePath());
  }
}
