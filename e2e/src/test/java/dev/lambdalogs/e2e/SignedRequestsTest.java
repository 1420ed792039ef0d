package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.e2e.support.Archive;
import dev.lambdalogs.e2e.support.Cli;
import dev.lambdalogs.e2e.support.Environment;
import dev.lambdalogs.e2e.support.S3;
import dev.lambdalogs.e2e.support.S3ProxyServer;
import dev.lambdalogs.sandbox.Sandbox;
import dev.lambdalogs.sandbox.model.ShutdownResult;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The extension's writes and the CLI's reads against S3Proxy, which checks the SigV4 signature of
 * every request as S3 does (moto takes any): both sign by hand, so a server has to say they sign
 * right.
 */
class SignedRequestsTest {
  static final String BUCKET = "signed-logs";
  static S3ProxyServer server;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    server = S3ProxyServer.start();
    s3 = S3.client(server.endpoint());
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stop() {
    s3.close();
    server.close();
  }

  @Test
  void theExtensionsSignedWritesAreAcceptedAndTailReadsThemBackSigned() throws Exception {
    List<String> logged;
    try (Sandbox sandbox =
        Environment.start("signed_fn", Environment.s3(server.endpoint(), BUCKET))) {
      logged = Environment.invokeLogging(sandbox, 3, "signed line of");
      ShutdownResult result = sandbox.shutdown();
      assertThat(result.exitCodes())
          .as(String.join("\n", sandbox.extensionOutput()))
          .containsEntry("lambdalogs", 0);
    }
    Archive.read(s3, BUCKET, "lambda-logs/").assertFunctionLines(logged);
    Cli.Run tail =
        new Cli(server.endpoint().toString())
            .run("tail", "--bucket", BUCKET, "--since", "1h", "--format", "raw");
    assertThat(tail.exit()).as(tail.toString()).isZero();
    assertThat(tail.out().lines().toList()).isEqualTo(logged);
  }

  @Test
  void aWrongSecretIsRefusedAndTheRefusalIsSaid() throws Exception {
    List<String> output;
    try (Sandbox sandbox =
        Environment.start(
            "unsigned_fn",
            Environment.with(
                Environment.s3(server.endpoint(), BUCKET),
                "AWS_SECRET_ACCESS_KEY",
                "not-the-secret"))) {
      sandbox.invoke(invocation -> invocation.log("never written"));
      sandbox.shutdown();
      output = sandbox.extensionOutput();
    }
    assertThat(String.join("\n", output)).contains("SignatureDoesNotMatch");
    Cli cli =
        new Cli(
            server.endpoint().toString()); // the credentials every test uses, in system properties
    System.setProperty("aws.secretAccessKey", "not-the-secret");
    try {
      Cli.Run tail = cli.run("tail", "--bucket", BUCKET, "--since", "1h");
      assertThat(tail.exit()).as(tail.toString()).isEqualTo(1);
      assertThat(tail.err())
          .contains(
              "s3:ListBucket on s3://" + BUCKET + "/lambda-logs/ failed: SignatureDoesNotMatch");
    } finally {
      System.setProperty("aws.secretAccessKey", "testing");
    }
  }
}
