package dev.lambdalogs.extension.telemetry;

import dev.lambdalogs.extension.util.Daemon;
import dev.lambdalogs.extension.util.HttpWire;
import dev.lambdalogs.extension.util.Log;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP/1.1 the Telemetry API speaks to the listener, and no more: POSTs with a Content-Length
 * or chunked body, kept-alive connections, an empty answer. The JDK's HTTP server costs the
 * extension some 150 classes at start and formats a Date header with java.time on every answer
 * (locale data and regular expressions loaded on the first delivery, during the function's first
 * invocation). Each connection gets its own thread: the platform keeps one open and may open
 * another.
 */
final class PostServer {
  /** Where a request's body goes; the answer is sent when it returns. */
  interface Receiver {
    /** An array of at least {@code length} bytes for a body to be read into. */
    byte[] buffer(int length);

    /**
     * The body is the first {@code length} bytes of {@code body}.
     *
     * @return the status to answer with
     */
    int receive(byte[] body, int length) throws InterruptedException;
  }

  private final ServerSocket socket;
  private final Receiver receiver;

  /**
   * Open connections, closed by stop(): a thread blocked reading one would hold up the JVM's exit.
   */
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

  /**
   * Binds an ephemeral port on every interface: inside Lambda the platform comes as
   * sandbox.localdomain.
   */
  PostServer(Receiver receiver) throws IOException {
    this.receiver = receiver;
    this.socket = new ServerSocket(0);
  }

  int port() {
    return socket.getLocalPort();
  }

  void start() {
    Daemon.start(
        "lambdalogs-listener",
        new Runnable() {
          @Override
          public void run() {
            accept();
          }
        });
  }

  void stop() {
    close(socket);
    for (Socket connection : connections) {
      close(connection);
    }
  }

  private static void close(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      Log.debug("closing the listener: " + e.getMessage());
    }
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Daemon.start(
            "lambdalogs-listener-" + connection.getPort(),
            new Runnable() {
              @Override
              public void run() {
                serve(connection);
              }
            });
      } catch (IOException e) {
        if (!socket.isClosed()) {
          Log.debug("accepting a telemetry connection: " + e.getMessage());
        }
      }
    }
  }

  private void serve(Socket connection) {
    connections.add(connection);
    try (connection;
        InputStream in = new BufferedInputStream(connection.getInputStream(), 64 * 1024);
        OutputStream out = connection.getOutputStream()) {
      connection.setTcpNoDelay(
          true); // the answer in one segment: no delayed-ACK stall per delivery
      while (serveOne(in, out)) {
        // kept alive
      }
    } catch (IOException e) {
      Log.debug("telemetry connection: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connections.remove(connection);
    }
  }

  /** Serves one request; false when the connection is to be closed. */
  private boolean serveOne(InputStream in, OutputStream out)
      throws IOException, InterruptedException {
    HttpWire.Head head;
    try {
      head = HttpWire.readHead(in);
    } catch (IOException e) {
      return answer(out, 400, true);
    }
    if (head == null) {
      return false; // the platform closed the connection
    }
    String connection = head.header("connection");
    boolean close = head.firstLine().endsWith("HTTP/1.0") || "close".equalsIgnoreCase(connection);
    if (!head.chunked() && head.contentLength() < 0) {
      return answer(out, 411, true);
    }
    if ("100-continue".equalsIgnoreCase(head.header("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    if (!head.firstLine().startsWith("POST ")) {
      HttpWire.readBody(head, in, false);
      return answer(out, 405, close);
    }
    if (head.chunked()) {
      byte[] body = HttpWire.readBody(head, in, false);
      return answer(out, receiver.receive(body, body.length), close);
    }
    long length = head.contentLength();
    if (length > HttpWire.MAX_BODY_BYTES) {
      return answer(out, 413, true);
    }
    byte[] body = receiver.buffer((int) length);
    HttpWire.readFully(in, body, (int) length);
    return answer(out, receiver.receive(body, (int) length), close);
  }

  private static boolean answer(OutputStream out, int status, boolean close) throws IOException {
    String reason = status == 200 ? "OK" : "Error";
    out.write(
        ("HTTP/1.1 "
                + status
                + " "
                + reason
                + "\r\nContent-Length: 0\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return !close;
  }
}
