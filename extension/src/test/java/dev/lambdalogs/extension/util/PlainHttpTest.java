package dev.lambdalogs.extension.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdalogs.contract.http.Http;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Runtime API client against a real socket that answers as a peer may: by length, chunked, or
 * to the end.
 */
class PlainHttpTest {
  @Test
  void sendsTheRequestAndReadsAnAnswerByItsLength() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      CompletableFuture<String> request =
          answerOnce(
              server,
              "HTTP/1.1 200 OK\r\nLambda-Extension-Identifier: abc\r\nContent-Length: 5\r\n\r\nhello");
      Http.Response response =
          PlainHttp.exchange(
              "POST",
              "127.0.0.1:" + server.getLocalPort(),
              "/2020-01-01/extension/register",
              Map.of("Lambda-Extension-Name", "x"),
              "{}".getBytes(StandardCharsets.UTF_8),
              5_000);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Lambda-Extension-Identifier")).isEqualTo("abc");
      assertThat(response.text()).isEqualTo("hello");
      assertThat(request.get(5, TimeUnit.SECONDS))
          .startsWith("POST /2020-01-01/extension/register HTTP/1.1\r\n")
          .contains(
              "Lambda-Extension-Name: x\r\n", "Content-Length: 2\r\n", "Connection: close\r\n")
          .endsWith("\r\n\r\n{}");
    }
  }

  @Test
  void readsChunkedAnswersAndAnswersThatEndWithTheConnection() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      answerOnce(
          server,
          "HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nnot \r\n3\r\nyou\r\n0\r\n\r\n");
      Http.Response chunked =
          PlainHttp.exchange(
              "GET", "127.0.0.1:" + server.getLocalPort(), "/", Map.of(), null, 5_000);
      assertThat(chunked.status()).isEqualTo(403);
      assertThat(chunked.text()).isEqualTo("not you");
      answerOnce(server, "HTTP/1.1 200 OK\r\n\r\n{\"eventType\":\"SHUTDOWN\"}");
      assertThat(
              PlainHttp.exchange(
                      "GET", "127.0.0.1:" + server.getLocalPort(), "/", Map.of(), null, 5_000)
                  .text())
          .isEqualTo("{\"eventType\":\"SHUTDOWN\"}");
    }
  }

  @Test
  void aPeerThatClosesWithoutAnAnswerOrAnswersNonsenseIsAnIoError() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      answerOnce(server, "");
      assertThatThrownBy(
              () ->
                  PlainHttp.exchange(
                      "GET", "127.0.0.1:" + server.getLocalPort(), "/", Map.of(), null, 5_000))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("without an answer");
      answerOnce(server, "SSH-2.0-OpenSSH\r\n\r\n");
      assertThatThrownBy(
              () ->
                  PlainHttp.exchange(
                      "GET", "127.0.0.1:" + server.getLocalPort(), "/", Map.of(), null, 5_000))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("status line");
    }
    assertThatThrownBy(() -> PlainHttp.exchange("GET", "no-port", "/", Map.of(), null, 5_000))
        .isInstanceOf(IOException.class);
  }

  /**
   * Accepts one connection, reads the request (head and a Content-Length body), answers, closes.
   */
  private static CompletableFuture<String> answerOnce(ServerSocket server, String answer) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            StringBuilder request = new StringBuilder();
            while (!request.toString().endsWith("\r\n\r\n")) {
              request.append((char) in.read());
            }
            int at = request.indexOf("Content-Length: ");
            int length =
                at < 0
                    ? 0
                    : Integer.parseInt(request.substring(at + 16, request.indexOf("\r\n", at)));
            request.append(new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
            return request.toString();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
