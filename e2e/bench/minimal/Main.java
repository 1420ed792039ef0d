// The least a Java extension does in its init, as a floor for the real one's init CPU: register,
// listen, subscribe to the Telemetry API, ask for the first event; plain sockets, no parsing, one
// thread.
// e2e/bench/minimal-layer.sh puts it in a copy of the -jre layer in place of the extension, so it
// starts with the same launcher, flags and runtime; InitCpu.java measures both.
package dev.lambdalogs.extension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    String[] api = System.getenv("AWS_LAMBDA_RUNTIME_API").split(":");
    String head =
        call(
            api,
            "POST /2020-01-01/extension/register",
            "Lambda-Extension-Name: lambdalogs\r\n",
            "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}");
    int at = head.toLowerCase().indexOf("lambda-extension-identifier:");
    String id = head.substring(at + 28, head.indexOf('\r', at)).trim();
    ServerSocket listener = new ServerSocket(0);
    Thread answering =
        new Thread(
            new Runnable() {
              @Override
              public void run() {
                answer(listener);
              }
            });
    answering.setDaemon(true);
    answering.start();
    call(
        api,
        "PUT /2022-07-01/telemetry",
        "Lambda-Extension-Identifier: " + id + "\r\n",
        "{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\",\"function\"],\"buffering\":{\"maxItems\":10000,"
            + "\"maxBytes\":1048576,\"timeoutMs\":25},\"destination\":{\"protocol\":\"HTTP\",\"URI\":"
            + "\"http://sandbox.localdomain:"
            + listener.getLocalPort()
            + "/\"}}");
    while (true) {
      call(
          api,
          "GET /2020-01-01/extension/event/next",
          "Lambda-Extension-Identifier: " + id + "\r\n",
          null);
    }
  }

  /** One request on its own connection; returns the answer's head, having read its body. */
  static String call(String[] api, String requestLine, String headers, String body)
      throws IOException {
    try (Socket socket = new Socket(api[0], Integer.parseInt(api[1]))) {
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine
                  + " HTTP/1.1\r\nHost: "
                  + api[0]
                  + "\r\n"
                  + headers
                  + "Content-Length: "
                  + bytes.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      byte[] answer = socket.getInputStream().readAllBytes();
      return new String(answer, StandardCharsets.ISO_8859_1);
    }
  }

  /** Answers every delivery 200, unread. */
  static void answer(ServerSocket listener) {
    byte[] buffer = new byte[65536];
    while (true) {
      try (Socket socket = listener.accept()) {
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(50);
        try {
          while (in.read(buffer) > 0) {
            // drain until the platform waits for the answer
          }
        } catch (IOException e) {
          // timed out: the delivery is in
        }
        socket
            .getOutputStream()
            .write(
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        return;
      }
    }
  }
}
