package dev.lambdalogs.extension.util;

import dev.lambdalogs.contract.http.Http;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, a connection per request, for the platform's Runtime API on
 * loopback (register, subscribe, the next event). HttpURLConnection stays for S3, where TLS and
 * kept-alive connections pay for it; here it would cost its proxy, cookie and keep-alive machinery
 * on every cold start.
 */
public final class PlainHttp {
  private PlainHttp() {}

  /**
   * @param hostPort the API's {@code host:port}, as in {@code AWS_LAMBDA_RUNTIME_API}
   * @param timeoutMs for connecting and for each read; 0 waits for ever (the long poll for the next
   *     event)
   */
  public static Http.Response exchange(
      String method,
      String hostPort,
      String path,
      Map<String, String> headers,
      byte[] body,
      int timeoutMs)
      throws IOException {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      throw new IOException("not host:port: " + hostPort);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IOException("not host:port: " + hostPort);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(hostPort.substring(0, colon), port), timeoutMs);
      socket.setSoTimeout(timeoutMs);
      socket.setTcpNoDelay(true);
      send(socket.getOutputStream(), method, hostPort, path, headers, body);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      HttpWire.Head head = HttpWire.readHead(in);
      if (head == null) {
        throw new IOException(method + " " + path + ": the connection closed without an answer");
      }
      return new Http.Response(
          status(head.firstLine()), head.headers(), HttpWire.readBody(head, in, true));
    }
  }

  private static void send(
      OutputStream out,
      String method,
      String hostPort,
      String path,
      Map<String, String> headers,
      byte[] body)
      throws IOException {
    StringBuilder request =
        new StringBuilder(256)
            .append(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(hostPort)
            .append("\r\nConnection: close\r\n");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      request.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    if (body != null) {
      request.append("Content-Length: ").append(body.length).append("\r\n");
    }
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  private static int status(String statusLine) throws IOException {
    int space = statusLine.indexOf(' ');
    try {
      return Integer.parseInt(
          statusLine.substring(space + 1, Math.min(statusLine.length(), space + 4)));
    } catch (RuntimeException e) {
      throw new IOException("not an HTTP status line: " + statusLine);
    }
  }
}
