package dev.lambdalogs.extension.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener's HTTP, spoken to over a real socket, byte by byte as a client may send it. */
class PostServerTest {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private PostServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        new PostServer(
            new PostServer.Receiver() {
              @Override
              public byte[] buffer(int length) {
                return new byte[length + 7]; // larger than asked, as a reused array may be
              }

              @Override
              public int receive(byte[] body, int length) {
                received.add(new String(body, 0, length, StandardCharsets.UTF_8));
                return 200;
              }
            });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void takesBodiesWithALengthOnOneKeptAliveConnection() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      send(
          socket,
          "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]");
      assertThat(answer(socket)).startsWith("HTTP/1.1 200 ");
      send(socket, "POST / HTTP/1.1\r\ncontent-length: 7\r\n\r\n[1,2,3]");
      assertThat(answer(socket)).startsWith("HTTP/1.1 200 ");
    }
    assertThat(received).containsExactly("[]", "[1,2,3]");
  }

  @Test
  void takesChunkedBodiesWithExtensionsAndTrailers() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      send(
          socket,
          "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\n[1,\r\n2\r\n2]\r\n0\r\nTrailer: t\r\n\r\n");
      assertThat(answer(socket)).startsWith("HTTP/1.1 200 ");
    }
    assertThat(received).containsExactly("[1,2]");
  }

  @Test
  void answersExpectContinueBeforeTheBody() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      send(socket, "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
      assertThat(answer(socket)).startsWith("HTTP/1.1 100 ");
      send(socket, "[]");
      assertThat(answer(socket)).startsWith("HTTP/1.1 200 ");
    }
    assertThat(received).containsExactly("[]");
  }

  @Test
  void refusesWhatIsNotAPostWithABodyAndKeepsServing() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      send(socket, "GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
      assertThat(answer(socket)).startsWith("HTTP/1.1 405 ");
      send(socket, "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n[]");
      assertThat(answer(socket)).startsWith("HTTP/1.1 200 ");
    }
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      send(socket, "POST / HTTP/1.1\r\n\r\n");
      assertThat(answer(socket)).startsWith("HTTP/1.1 411 ").contains("Connection: close");
    }
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      send(socket, "POST / HTTP/1.1\r\nno colon here\r\n\r\n");
      assertThat(answer(socket)).startsWith("HTTP/1.1 400 ");
    }
    assertThat(received).containsExactly("[]");
  }

  @Test
  void servesConnectionsAtOnce() throws IOException {
    try (Socket idle = new Socket("127.0.0.1", server.port());
        Socket other = new Socket("127.0.0.1", server.port())) {
      send(idle, "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n["); // half a body, and then nothing
      send(other, "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n[]");
      assertThat(answer(other)).startsWith("HTTP/1.1 200 ");
    }
    assertThat(received).containsExactly("[]");
  }

  @Test
  void stopClosesTheConnectionsItKeptOpen() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      send(socket, "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n[]");
      assertThat(answer(socket)).startsWith("HTTP/1.1 200 ");
      server.stop();
      assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
    }
  }

  private static void send(Socket socket, String request) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** One answer's head; the server's answers have no body. */
  private static String answer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
