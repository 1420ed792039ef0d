package dev.lambdalogs.extension.sink;

import dev.lambdalogs.contract.http.Http;
import dev.lambdalogs.contract.s3.Bucket;
import dev.lambdalogs.contract.s3.SigV4;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Writes objects to S3, or to any S3-compatible store, with one signed PutObject each. */
public final class S3Sink implements Sink {
  private static final int CONNECT_TIMEOUT_MS = 3000;

  private final Bucket bucket;
  private final Map<String, String> env;

  /**
   * @param env where the credentials are read from, at each write
   */
  public S3Sink(Bucket bucket, Map<String, String> env) {
    this.bucket = bucket;
    this.env = env;
  }

  @Override
  public void put(String key, byte[] body, int timeoutMs) throws IOException {
    SigV4.Credentials credentials = SigV4.Credentials.fromEnvironment(env);
    if (credentials == null) {
      throw new SinkException(
          "no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set", false);
    }
    URI uri = bucket.uri(key);
    Map<String, String> headers = bucket.sign("PUT", uri, body, credentials);
    headers.put("Content-Type", "application/x-ndjson");
    Http.Response response;
    try {
      response =
          Http.exchange(
              "PUT", uri, headers, body, Math.min(CONNECT_TIMEOUT_MS, timeoutMs), timeoutMs);
    } catch (IOException e) {
      // "Connection refused" alone does not say where to; the endpoint, not the key, so that the
      // same
      // failure on every batch is still reported once
      throw new SinkException(
          "writing to "
              + describe("")
              + " at "
              + uri.getScheme()
              + "://"
              + uri.getRawAuthority()
              + " failed: "
              + e.getMessage()
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          true);
    }
    if (!response.ok()) {
      throw failure(key, response);
    }
  }

  @Override
  public String describe(String key) {
    return bucket.describe(key);
  }

  private SinkException failure(String key, Http.Response response) {
    String code = Bucket.errorCode(response);
    String message = Bucket.errorMessage(response);
    int status = response.status();
    String what =
        "PutObject "
            + describe(key)
            + " failed: HTTP "
            + status
            + (code != null ? " " + code : "")
            + (message != null ? ": " + message : "");
    return new SinkException(what + hint(status, code), Bucket.isTransient(status, code));
  }

  private String hint(int status, String code) {
    if ("NoSuchBucket".equals(code)) {
      return " (create the bucket, or fix LAMBDALOGS_BUCKET; `lambdalogs install` creates it)";
    }
    if (status == 403) {
      return " (the function's role needs s3:PutObject on arn:aws:s3:::"
          + bucket.name()
          + "/*; `lambdalogs install` grants it)";
    }
    return "";
  }
}
