package dev.lambdalogs.contract.s3;

import dev.lambdalogs.contract.http.Http;
import dev.lambdalogs.contract.time.Times;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bucket and how a request reaches it: the URL of a key (virtual-hosted, or path style for
 * S3-compatible stores), its SigV4 headers, and the S3 error a failed response carries. The
 * extension writes through it and the CLI reads through it, each with one plain HTTP request.
 */
public final class Bucket {
  private final String name;
  private final String region;
  private final URI endpoint;
  private final boolean pathStyle;

  /**
   * @param endpoint the store's base URL, or null for AWS's own S3 in {@code region}
   */
  public Bucket(String name, String region, URI endpoint, boolean pathStyle) {
    this.name = name;
    this.region = region;
    this.endpoint =
        endpoint != null ? endpoint : URI.create("https://s3." + region + ".amazonaws.com");
    this.pathStyle = pathStyle || !takesBucketSubdomains(this.endpoint.getHost());
  }

  /**
   * Whether {@code bucket.host} can name the bucket: not for an IP address or a one-label name such
   * as localhost (an S3-compatible server on a machine of its own), where only path-style URLs
   * work.
   */
  private static boolean takesBucketSubdomains(String host) {
    if (host == null || host.startsWith("[") || !host.contains(".")) {
      return false;
    }
    char last = host.charAt(host.length() - 1);
    return !(last >= '0' && last <= '9'); // a.b.c.d: an IPv4 address
  }

  public String name() {
    return name;
  }

  /** {@code s3://bucket/key}, for messages. */
  public String describe(String key) {
    return "s3://" + name + '/' + key;
  }

  /** The URL of an object. */
  public URI uri(String key) {
    return URI.create(base() + SigV4.encodePath((pathStyle ? '/' + name : "") + '/' + key));
  }

  /**
   * The bucket's own URL with a query (ListObjectsV2's): names sorted and encoded, as SigV4 signs
   * them.
   */
  public URI uri(Map<String, String> query) {
    StringBuilder sorted = new StringBuilder();
    new TreeMap<>(query)
        .forEach(
            (param, value) ->
                sorted
                    .append(sorted.length() == 0 ? "" : "&")
                    .append(SigV4.encode(param))
                    .append('=')
                    .append(SigV4.encode(value)));
    return URI.create(base() + (pathStyle ? '/' + SigV4.encodePath(name) : "/") + '?' + sorted);
  }

  private String base() {
    return endpoint.getScheme()
        + "://"
        + (pathStyle ? "" : name + '.')
        + endpoint.getRawAuthority();
  }

  /** The headers that sign a request to {@code uri} (from {@link #uri}), made now. */
  public Map<String, String> sign(
      String method, URI uri, byte[] body, SigV4.Credentials credentials) {
    String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ':' + uri.getPort();
    String amzDate = Times.stamp(Times.iso(System.currentTimeMillis())).substring(0, 15) + 'Z';
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    return new HashMap<>(
        SigV4.sign(
            method, host, uri.getRawPath(), query, body, amzDate, region, "s3", credentials));
  }

  /**
   * The error code S3 put in a failed response's body ({@code NoSuchKey}, {@code SlowDown}...), or
   * null.
   */
  public static String errorCode(Http.Response response) {
    return between(response.text(), "<Code>", "</Code>");
  }

  public static String errorMessage(Http.Response response) {
    return between(response.text(), "<Message>", "</Message>");
  }

  /** Whether a failure passes by itself: throttling, server errors, timeouts. */
  public static boolean isTransient(int status, String code) {
    return status >= 500
        || status == 429
        || status == 408
        || "RequestTimeout".equals(code)
        || "SlowDown".equals(code);
  }

  private static String between(String text, String open, String close) {
    int start = text.indexOf(open);
    int end = start < 0 ? -1 : text.indexOf(close, start);
    return end < 0 ? null : text.substring(start + open.length(), end);
  }
}
