package dev.lambdalogs.contract.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP exchange over the JDK's HttpURLConnection: lighter to load than java.net.http, and it
 * keeps connections alive between requests to the same host.
 */
public final class Http {
  private Http() {}

  public record Response(int status, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Sends a request and reads the whole response. A timeout of 0 waits for ever (the Extensions
   * API's long poll for the next event).
   */
  public static Response exchange(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      int connectTimeoutMs,
      int readTimeoutMs)
      throws IOException {
    HttpURLConnection conn = (HttpURLConnection) uri.toURL().openConnection();
    try {
      conn.setRequestMethod(method);
      conn.setConnectTimeout(connectTimeoutMs);
      conn.setReadTimeout(readTimeoutMs);
      conn.setUseCaches(false);
      for (Map.Entry<String, String> header : headers.entrySet()) {
        conn.setRequestProperty(header.getKey(), header.getValue());
      }
      if (body != null) {
        conn.setDoOutput(true);
        conn.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = conn.getOutputStream()) {
          out.write(body);
        }
      }
      int status = conn.getResponseCode();
      Map<String, String> responseHeaders = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> field : conn.getHeaderFields().entrySet()) {
        if (field.getKey() != null && !field.getValue().isEmpty()) {
          responseHeaders.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue().get(0));
        }
      }
      return new Response(
          status,
          responseHeaders,
          readAll(status >= 400 ? conn.getErrorStream() : conn.getInputStream()));
    } catch (IOException e) {
      // a broken connection must not be handed back to the keep-alive pool
      conn.disconnect();
      throw e;
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    if (in == null) {
      return new byte[0];
    }
    try (in) {
      return in.readAllBytes();
    }
  }
}
