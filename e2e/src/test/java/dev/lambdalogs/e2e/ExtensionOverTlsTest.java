package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.e2e.support.Archive;
import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.S3;
import dev.lambdalogs.e2e.support.TestCertificate;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.LambdaFunction;
import dev.lambdalogs.sandbox.model.Limits;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The extension writes to S3 over HTTPS in Lambda: here, to moto serving TLS with a certificate the
 * extension's JVM is told to trust, on both layers: the plain one on this JDK, and the -jre one on
 * its jlink'd runtime, whose TLS stack (java.base only) this checks.
 */
class ExtensionOverTlsTest {
  @TempDir static Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void writesOverTls(boolean jre) throws Exception {
    TestCertificate certificate = TestCertificate.create(dir);
    List<String> logged = new ArrayList<>();
    try (MotoServer moto = MotoServer.startTls(certificate.certificate, certificate.key);
        S3Client s3 = S3.client(moto.endpoint(), certificate)) {
      s3.createBucket(b -> b.bucket("tls-logs"));
      Map<String, String> env =
          Environment.with(
              Environment.s3(moto.endpoint(), "tls-logs"),
              "JAVA_TOOL_OPTIONS",
              certificate.javaOptions());
      if (jre) {
        env.remove("LAMBDALOGS_JAVA");
      }
      try (Sandbox sandbox =
          Sandbox.start(
              Environment.layer(jre), new LambdaFunction("tls_fn", env), Limits.defaults())) {
        assertThat(sandbox.initResult().ok())
            .as(String.join("\n", sandbox.extensionOutput()))
            .isTrue();
        logged.addAll(Environment.invokeLogging(sandbox, 3, "over TLS from"));
        ShutdownResult result = sandbox.shutdown();
        assertThat(result.exitErrors()).as(String.join("\n", sandbox.extensionOutput())).isEmpty();
        assertThat(result.killed()).isEmpty();
        if (jre) {
          assertThat(sandbox.stats().get(0).executable()).contains("/lambdalogs/jre/bin/java");
        }
      }
      assertThat(moto.endpoint().getScheme()).isEqualTo("https");
      Archive.read(s3, "tls-logs", "lambda-logs/")
          .assertLayout("tls_fn")
          .assertFunctionLines(logged);
    }
  }
}
