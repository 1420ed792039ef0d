package dev.lambdalogs.extension.util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 as it travels on a socket, read with a few loops over bytes: the head of a request or a
 * response, and a body by its length or in chunks. Shared by the listener's server and the Runtime
 * API client, which talk to the platform on loopback without the JDK's HTTP stacks (some 150
 * classes each to load and initialise on every cold start).
 */
public final class HttpWire {
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  /** The largest body read: a delivery is at most 1 MiB. */
  public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  private HttpWire() {}

  /** A request's or response's first line and its headers, names in lower case. */
  public record Head(String firstLine, Map<String, String> headers) {
    public String header(String name) {
      return headers.get(name);
    }

    /**
     * The body's length from Content-Length, -1 when there is none; chunked bodies say so instead.
     */
    public long contentLength() throws IOException {
      String value = headers.get("content-length");
      if (value == null) {
        return -1;
      }
      try {
        return Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new IOException("a Content-Length that is not a number: " + value);
      }
    }

    public boolean chunked() {
      String value = headers.get("transfer-encoding");
      return value != null && value.toLowerCase(Locale.ROOT).contains("chunked");
    }
  }

  /**
   * Reads a head up to its empty line; null when the stream ends before its first byte (the peer
   * closed a kept-alive connection). A header line without a colon is an IOException.
   */
  public static Head readHead(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    int matched = 0; // of "\r\n\r\n"
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      bytes.write(b);
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
      if (bytes.size() > MAX_HEAD_BYTES) {
        throw new IOException("an HTTP head over " + MAX_HEAD_BYTES + " bytes");
      }
    }
    if (matched < 4) {
      if (bytes.size() == 0) {
        return null;
      }
      throw new IOException("the connection closed in the middle of an HTTP head");
    }
    String head = bytes.toString(StandardCharsets.ISO_8859_1);
    int end = head.indexOf("\r\n");
    String firstLine = head.substring(0, end);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int start = end + 2; start < head.length() - 2; start = end + 2) {
      end = head.indexOf("\r\n", start);
      int colon = head.indexOf(':', start);
      if (colon < 0 || colon > end) {
        throw new IOException("an HTTP header line without a colon: " + head.substring(start, end));
      }
      headers.put(
          head.substring(start, colon).trim().toLowerCase(Locale.ROOT),
          head.substring(colon + 1, end).trim());
    }
    return new Head(firstLine, headers);
  }

  /**
   * The body the head announces: chunked, of a length, or (for a response that closes) to the end.
   */
  public static byte[] readBody(Head head, InputStream in, boolean toEndIfNoLength)
      throws IOException {
    if (head.chunked()) {
      return readChunked(in);
    }
    long length = head.contentLength();
    if (length > MAX_BODY_BYTES) {
      throw new IOException("an HTTP body of " + length + " bytes, over " + MAX_BODY_BYTES);
    }
    if (length >= 0) {
      return readFully(in, (int) length);
    }
    return toEndIfNoLength ? in.readAllBytes() : new byte[0];
  }

  private static byte[] readFully(InputStream in, int length) throws IOException {
    byte[] body = new byte[length];
    readFully(in, body, length);
    return body;
  }

  /** Reads exactly {@code length} bytes into the start of {@code into}. */
  public static void readFully(InputStream in, byte[] into, int length) throws IOException {
    int read = 0;
    for (int n; read < length && (n = in.read(into, read, length - read)) > 0; ) {
      read += n;
    }
    if (read < length) {
      throw new IOException(
          "the connection closed after " + read + " of " + length + " body bytes");
    }
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
    while (true) {
      String sizeLine = readLine(in);
      int semicolon = sizeLine.indexOf(';');
      int size;
      try {
        size =
            Integer.parseInt(
                (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("a chunk size that is not a number: " + sizeLine);
      }
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers, ignored
        }
        return body.toByteArray();
      }
      if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
        throw new IOException("a chunked body over " + MAX_BODY_BYTES + " bytes");
      }
      body.write(readFully(in, size));
      readLine(in); // the CRLF after the chunk
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("the connection closed in the middle of a chunked body");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }
}
