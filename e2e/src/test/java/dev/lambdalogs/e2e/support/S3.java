package dev.lambdalogs.e2e.support;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The AWS SDK's own S3 client, pointed at the test's server: what reads the archive back. */
public final class S3 {
  private S3() {}

  public static S3Client client(URI endpoint) {
    return client(endpoint, UrlConnectionHttpClient.builder());
  }

  /** Over TLS, trusting the test's own certificate. */
  public static S3Client client(URI endpoint, TestCertificate certificate) throws Exception {
    javax.net.ssl.TrustManager[] trust = certificate.trustManagers();
    return client(
        endpoint, UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> trust));
  }

  private static S3Client client(URI endpoint, UrlConnectionHttpClient.Builder http) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClientBuilder(http)
        .build();
  }
}
