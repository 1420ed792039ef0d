package dev.lambdalogs.contract.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.contract.http.Http;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketTest {
  @Test
  void addressesAwsVirtualHostedAndOtherStoresByPath() {
    assertThat(new Bucket("team-logs", "eu-west-1", null, false).uri("lambda-logs/f/a b.gz"))
        .isEqualTo(
            URI.create("https://team-logs.s3.eu-west-1.amazonaws.com/lambda-logs/f/a%20b.gz"));
    assertThat(
            new Bucket("team-logs", "us-east-1", URI.create("http://127.0.0.1:4566"), true)
                .uri("k/é"))
        .isEqualTo(URI.create("http://127.0.0.1:4566/team-logs/k/%C3%A9"));
  }

  @Test
  void aStoreAtAnAddressOrAOneLabelNameIsAddressedByPathWhateverWasAsked() {
    for (String endpoint :
        List.of("http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000")) {
      assertThat(new Bucket("team-logs", "us-east-1", URI.create(endpoint), false).uri("k"))
          .isEqualTo(URI.create(endpoint + "/team-logs/k"));
    }
    assertThat(
            new Bucket("team-logs", "us-east-1", URI.create("https://minio.example.com"), false)
                .uri("k"))
        .isEqualTo(URI.create("https://team-logs.minio.example.com/k"));
  }

  @Test
  void signsForTheHostAndPortOfTheRequest() {
    Bucket bucket = new Bucket("team-logs", "us-east-1", URI.create("http://127.0.0.1:4566"), true);
    URI uri = bucket.uri("k");
    Map<String, String> headers =
        bucket.sign("GET", uri, new byte[0], new SigV4.Credentials("id", "secret", "token"));
    assertThat(headers.get("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=id/")
        .contains(
            "/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,");
    assertThat(headers).containsEntry("x-amz-security-token", "token").doesNotContainKey("host");
  }

  @Test
  void readsTheErrorS3Sent() {
    Http.Response slowDown =
        response(
            503,
            "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
    assertThat(Bucket.errorCode(slowDown)).isEqualTo("SlowDown");
    assertThat(Bucket.errorMessage(slowDown)).isEqualTo("Please reduce your request rate.");
    assertThat(Bucket.isTransient(503, "SlowDown")).isTrue();
    assertThat(Bucket.isTransient(400, "RequestTimeout")).isTrue();
    assertThat(Bucket.isTransient(403, "AccessDenied")).isFalse();
    assertThat(Bucket.errorCode(response(502, "<html>bad gateway</html>"))).isNull();
  }

  private static Http.Response response(int status, String body) {
    return new Http.Response(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }
}
