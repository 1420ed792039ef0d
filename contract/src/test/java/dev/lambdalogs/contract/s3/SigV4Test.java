package dev.lambdalogs.contract.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Our SigV4 must sign exactly as the AWS SDK's own signer does. */
class SigV4Test {
  @ParameterizedTest
  @CsvSource({
    "PUT, https://team-logs.s3.eu-west-1.amazonaws.com, lambda-logs/greeter_fn/2026/11/24/16/20261124T163016012Z-0123456789abcdef-000001.ndjson.gz, eu-west-1, token",
    "PUT, http://127.0.0.1:4566/team-logs, odd prefix/with spaces+plus=é/fn/x.ndjson, us-east-1, ''",
    "GET, https://team-logs.s3.eu-west-1.amazonaws.com, lambda-logs/greeter_fn/2026/11/24/16/20261124T163016012Z-0123456789abcdef-000001.ndjson.gz, eu-west-1, token",
    "GET, http://127.0.0.1:4566/team-logs, odd prefix/with spaces+plus=é/fn/x.ndjson, us-east-1, ''",
  })
  void signsLikeTheSdk(String method, String base, String key, String region, String token) {
    // the extension PUTs its objects; the CLI GETs them back, with no body
    byte[] body =
        method.equals("GET")
            ? new byte[0]
            : "{\"time\":\"2026-11-24T16:30:16.012Z\"}\n".getBytes(StandardCharsets.UTF_8);
    SigV4.Credentials ours =
        new SigV4.Credentials(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            token.isEmpty() ? null : token);
    URI uri = URI.create(base + "/" + SigV4.encodePath(key));
    String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();

    Map<String, String> signed =
        SigV4.sign(
            method, host, uri.getRawPath(), "", body, "20261124T163016Z", region, "s3", ours);

    SdkHttpRequest sdk = sdkSigned(SdkHttpMethod.valueOf(method), uri, body, region, ours);

    assertThat(signed.get("Authorization"))
        .isEqualTo(sdk.firstMatchingHeader("Authorization").orElseThrow());
    assertThat(signed.get("x-amz-content-sha256"))
        .isEqualTo(sdk.firstMatchingHeader("x-amz-content-sha256").orElseThrow());
  }

  /**
   * The CLI lists the archive with ListObjectsV2: a query whose values hold '/', spaces, '+' and
   * more.
   */
  @ParameterizedTest
  @CsvSource({
    "https://s3.eu-west-1.amazonaws.com, false, lambda-logs/greeter_fn/2026/11/24/16/, token",
    "http://127.0.0.1:4566, true, odd prefix/é+=&~/, ''",
  })
  void signsAQueryLikeTheSdk(String endpoint, boolean pathStyle, String prefix, String token) {
    Bucket bucket = new Bucket("team-logs", "eu-west-1", URI.create(endpoint), pathStyle);
    URI uri =
        bucket.uri(
            Map.of(
                "list-type",
                "2",
                "prefix",
                prefix,
                "start-after",
                prefix + "x y",
                "continuation-token",
                "a+b/c=="));
    SigV4.Credentials ours =
        new SigV4.Credentials(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            token.isEmpty() ? null : token);
    String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();

    Map<String, String> signed =
        SigV4.sign(
            "GET",
            host,
            uri.getRawPath(),
            uri.getRawQuery(),
            new byte[0],
            "20261124T163016Z",
            "eu-west-1",
            "s3",
            ours);

    SdkHttpRequest sdk = sdkSigned(SdkHttpMethod.GET, uri, new byte[0], "eu-west-1", ours);

    assertThat(uri.getRawQuery())
        .startsWith("continuation-token=a%2Bb%2Fc%3D%3D&list-type=2&prefix=");
    assertThat(signed.get("Authorization"))
        .isEqualTo(sdk.firstMatchingHeader("Authorization").orElseThrow());
  }

  /** The request as the SDK's own signer signs it for S3, at the same moment. */
  private static SdkHttpRequest sdkSigned(
      SdkHttpMethod method, URI uri, byte[] body, String region, SigV4.Credentials ours) {
    AwsCredentialsIdentity identity =
        ours.sessionToken() == null
            ? AwsCredentialsIdentity.create(ours.accessKeyId(), ours.secretAccessKey())
            : AwsSessionCredentialsIdentity.create(
                ours.accessKeyId(), ours.secretAccessKey(), ours.sessionToken());
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(identity)
                        .request(SdkHttpRequest.builder().method(method).uri(uri).build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(
                            HttpSigner.SIGNING_CLOCK,
                            Clock.fixed(Instant.parse("2026-11-24T16:30:16Z"), ZoneOffset.UTC)));
    return signed.request();
  }

  @ParameterizedTest
  @CsvSource({
    "a/b c.txt, a/b%20c.txt",
    "é+=&, %C3%A9%2B%3D%26",
    "safe-._~/AZaz09, safe-._~/AZaz09"
  })
  void encodesKeysAsS3Expects(String key, String encoded) {
    assertThat(SigV4.encodePath(key)).isEqualTo(encoded);
  }
}
