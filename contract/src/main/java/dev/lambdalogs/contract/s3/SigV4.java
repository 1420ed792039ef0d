package dev.lambdalogs.contract.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for one request, signing the host and the x-amz-* headers. Written out
 * here because the AWS SDK would add megabytes and hundreds of classes to every cold start; a test
 * checks it against the SDK's own signer.
 */
public final class SigV4 {
  public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    /**
     * The credentials Lambda gives every process in the environment; null when they are missing.
     */
    public static Credentials fromEnvironment(Map<String, String> env) {
      String id = env.get("AWS_ACCESS_KEY_ID");
      String secret = env.get("AWS_SECRET_ACCESS_KEY");
      if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
        return null;
      }
      String token = env.get("AWS_SESSION_TOKEN");
      return new Credentials(id, secret, token == null || token.isBlank() ? null : token);
    }
  }

  private SigV4() {}

  /**
   * The headers that sign the request: x-amz-date, x-amz-content-sha256, x-amz-security-token (with
   * temporary credentials) and Authorization.
   *
   * @param amzDate {@code yyyyMMdd'T'HHmmss'Z'}
   * @param canonicalUri the path exactly as sent, already URI-encoded
   * @param canonicalQuery the query exactly as sent: names sorted, names and values {@link
   *     #encode}d; "" for none
   */
  public static Map<String, String> sign(
      String method,
      String host,
      String canonicalUri,
      String canonicalQuery,
      byte[] payload,
      String amzDate,
      String region,
      String service,
      Credentials credentials) {
    Map<String, String> signed = new TreeMap<>();
    signed.put("host", host);
    signed.put("x-amz-content-sha256", hex(sha256(payload)));
    signed.put("x-amz-date", amzDate);
    if (credentials.sessionToken() != null) {
      signed.put("x-amz-security-token", credentials.sessionToken());
    }
    StringBuilder canonicalHeaders = new StringBuilder();
    signed.forEach(
        (name, value) ->
            canonicalHeaders.append(name).append(':').append(value.trim()).append('\n'));
    String signedHeaders = String.join(";", signed.keySet());
    String canonicalRequest =
        method
            + '\n'
            + canonicalUri
            + '\n'
            + canonicalQuery
            + '\n'
            + canonicalHeaders
            + '\n'
            + signedHeaders
            + '\n'
            + signed.get("x-amz-content-sha256");

    String day = amzDate.substring(0, 8);
    String scope = day + '/' + region + '/' + service + "/aws4_request";
    String stringToSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + '\n'
            + scope
            + '\n'
            + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    byte[] key =
        hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, stringToSign));

    Map<String, String> headers = new TreeMap<>(signed);
    headers.remove("host"); // the HTTP client sends it from the URL
    headers.put(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + credentials.accessKeyId()
            + '/'
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature);
    return headers;
  }

  /** Encodes a key for the path: every byte but the unreserved ones and '/'. */
  public static String encodePath(String path) {
    return encode(path, "-._~/");
  }

  /** Encodes a query parameter's name or value: every byte but the unreserved ones. */
  public static String encode(String value) {
    return encode(value, "-._~");
  }

  private static String encode(String text, String keep) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || keep.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no HmacSHA256", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
    }
    return out.toString();
  }
}
