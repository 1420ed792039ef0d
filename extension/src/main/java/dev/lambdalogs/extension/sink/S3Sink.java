package dev.lambdalogs.extension.sink;

import dev.lambdalogs.extension.util.Http;
import dev.lambdalogs.extension.util.Times;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Writes objects to S3, or to any S3-compatible store, with one signed PutObject each. */
public final class S3Sink implements Sink {
  private static final int CONNECT_TIMEOUT_MS = 3000;

  private final String bucket;
  private final String region;
  private final URI endpoint;
  private final boolean pathStyle;
  private final Map<String, String> env;

  /**
   * @param endpoint the store's base URL, or null for AWS's own S3 in {@code region}
   * @param env where the credentials are read from, at each write
   */
  public S3Sink(String bucket, String region, URI endpoint, boolean pathStyle, Map<String, String> env) {
    this.bucket = bucket;
    this.region = region;
    this.endpoint = endpoint != null ? endpoint : URI.create("https://s3." + region + ".amazonaws.com");
    this.pathStyle = pathStyle;
    this.env = env;
  }

  @Override
  public void put(String key, byte[] body, int timeoutMs) throws IOException {
    SigV4.Credentials credentials = SigV4.Credentials.fromEnvironment(env);
    if (credentials == null) {
      throw new SinkException("no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set", false);
    }
    URI uri = uriOf(key);
    String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ':' + uri.getPort();
    String amzDate = Times.stamp(Times.iso(System.currentTimeMillis())).substring(0, 15) + 'Z';
    Map<String, String> headers = new HashMap<>(
        SigV4.sign("PUT", host, uri.getRawPath(), body, amzDate, region, "s3", credentials));
    headers.put("Content-Type", "application/x-ndjson");
    Http.Response response = Http.exchange("PUT", uri, headers, body, Math.min(CONNECT_TIMEOUT_MS, timeoutMs), timeoutMs);
    if (!response.ok()) {
      throw failure(key, response);
    }
  }

  @Override
  public String describe(String key) {
    return "s3://" + bucket + '/' + key;
  }

  URI uriOf(String key) {
    String base = endpoint.getScheme() + "://" + (pathStyle ? "" : bucket + '.') + endpoint.getRawAuthority();
    String path = (pathStyle ? '/' + bucket : "") + '/' + key;
    return URI.create(base + SigV4.encodePath(path));
  }

  private SinkException failure(String key, Http.Response response) {
    String text = response.text();
    String code = between(text, "<Code>", "</Code>");
    String message = between(text, "<Message>", "</Message>");
    int status = response.status();
    boolean transientFailure = status >= 500 || status == 429 || status == 408 || "RequestTimeout".equals(code)
        || "SlowDown".equals(code);
    String what = "PutObject " + describe(key) + " failed: HTTP " + status + (code != null ? " " + code : "")
        + (message != null ? ": " + message : "");
    return new SinkException(what + hint(status, code), transientFailure);
  }

  private String hint(int status, String code) {
    if ("NoSuchBucket".equals(code)) {
      return " (create the bucket, or fix LAMBDALOGS_BUCKET; `lambdalogs install` creates it)";
    }
    if (status == 403) {
      return " (the function's role needs s3:PutObject on arn:aws:s3:::" + bucket
          + "/*; `lambdalogs install` grants it)";
    }
    return "";
  }

  private static String between(String text, String open, String close) {
    int start = text.indexOf(open);
    int end = start < 0 ? -1 : text.indexOf(close, start);
    return end < 0 ? null : text.substring(start + open.length(), end);
  }
}
