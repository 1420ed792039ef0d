package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.cli.failure.Unreachable;
import dev.lambdalogs.cli.util.Parallel;
import dev.lambdalogs.contract.s3.Bucket;
import dev.lambdalogs.contract.s3.SigV4;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS clients, built in one place: credentials, region and profile resolve as the AWS CLI's do,
 * an endpoint override reaches every client, and throttling is met with the SDK's adaptive retries.
 */
public final class Aws implements AutoCloseable {
  private final AwsConfig options;
  private final AwsCredentialsProvider credentials;

  /**
   * Made with the first client: it sets up TLS, which tail and download, reading with plain
   * requests, never need.
   */
  private SdkHttpClient http;

  private final Map<String, Object> clients = new ConcurrentHashMap<>();
  private final Object accountLock = new Object();
  private String account;
  private final Unreachable.Watch watch;

  public Aws(AwsConfig options) {
    this.options = options;
    this.credentials =
        options.profile() != null
            ? ProfileCredentialsProvider.builder().profileName(options.profile()).build()
            : DefaultCredentialsProvider.builder().build();
    this.watch =
        new Unreachable.Watch(
            options.endpoint() != null || System.getenv("AWS_ENDPOINT_URL") != null
                ? "check --endpoint-url (or AWS_ENDPOINT_URL) and that the server there is running"
                : "check --region, your network, and your proxy settings (HTTPS_PROXY)");
  }

  /**
   * Connection failures of every request of this command, the SDK's and the plain ones (see
   * S3Source).
   */
  public Unreachable.Watch watch() {
    return watch;
  }

  /** The region of the command: --region, else the profile's or the environment's. */
  public String region() {
    if (options.region() != null) {
      return options.region();
    }
    try {
      DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
      if (options.profile() != null) {
        chain.profileName(options.profile());
      }
      return chain.build().getRegion().id();
    } catch (SdkClientException e) {
      throw new ExitException(
          ExitException.FAILED,
          "no AWS region: pass --region, set AWS_REGION, "
              + "or set one in your profile (aws configure)");
    }
  }

  public LambdaClient lambda(String region) {
    return client("lambda:" + region, r -> configure(LambdaClient.builder(), region).build());
  }

  public S3Client s3(String region) {
    // checksums only where S3 requires them: asking for them on every GET makes S3-compatible
    // servers
    // compute them, and TLS and gzip already guard what is read
    return client(
        "s3:" + region,
        r ->
            configure(S3Client.builder(), region)
                .forcePathStyle(options.endpoint() != null)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build());
  }

  /**
   * A bucket to read objects from with plain signed GETs (see S3Source): path style where the
   * endpoint is overridden, as for the SDK's client, and for names with dots, which AWS's
   * certificates do not cover.
   */
  public Bucket bucket(String name, String region) {
    return new Bucket(
        name, region, options.endpoint(), options.endpoint() != null || name.contains("."));
  }

  /**
   * The caller's credentials as of now, for signing a request by hand; providers cache and refresh
   * them.
   */
  public SigV4.Credentials signingCredentials() {
    AwsCredentials resolved =
        Errors.call(
            "resolving credentials",
            options.profile() != null
                ? "profile " + options.profile()
                : "the default credential chain",
            credentials::resolveCredentials);
    return new SigV4.Credentials(
        resolved.accessKeyId(),
        resolved.secretAccessKey(),
        resolved instanceof AwsSessionCredentials session ? session.sessionToken() : null);
  }

  public AthenaClient athena(String region) {
    return client("athena:" + region, r -> configure(AthenaClient.builder(), region).build());
  }

  public GlueClient glue(String region) {
    return client("glue:" + region, r -> configure(GlueClient.builder(), region).build());
  }

  public IamClient iam() {
    return client("iam", r -> configure(IamClient.builder(), "aws-global").build());
  }

  public StsClient sts(String region) {
    return client("sts:" + region, r -> configure(StsClient.builder(), region).build());
  }

  /** The caller's account id, asked once. */
  public String account() {
    synchronized (accountLock) { // one question, also when the warm-up asks too
      if (account == null) {
        account =
            Errors.call(
                "sts:GetCallerIdentity",
                "your account",
                () -> sts(region()).getCallerIdentity().account());
      }
      return account;
    }
  }

  /**
   * Asks for the account and builds the S3 client (with {@code bucket}) and the IAM client on a
   * thread of its own while the command lists its functions: a cold JVM spends tens of milliseconds
   * of CPU on each client, and the account is a round trip. What fails here fails again in the
   * command's own call, which says so.
   */
  public void warmUp(String region, boolean bucket) {
    Parallel.start(
        () -> { // never waited for: what it throws stays in it
          if (bucket) {
            account();
            s3(region);
          }
          return iam();
        });
  }

  private synchronized SdkHttpClient http() {
    if (http == null) {
      http = new WatchedHttp(UrlConnectionHttpClient.builder().build(), watch);
    }
    return http;
  }

  @SuppressWarnings("unchecked")
  private <T> T client(String key, Function<String, T> make) {
    return (T) clients.computeIfAbsent(key, make);
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region) {
    builder
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                // large accounts throttle: adaptive rate limiting on the client, and more attempts
                // than the default 3
                .retryStrategy(
                    AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(10).build())
                .build());
    if (builder
        instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClient(http());
    }
    URI endpoint = options.endpoint();
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }

  @Override
  public void close() {
    clients.values().forEach(c -> ((SdkAutoCloseable) c).close());
    if (http != null) {
      http.close();
    }
  }
}
