package dev.lambdalogs.e2e.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * moto's server, the real AWS API emulator, started on a free loopback port for a test class and
 * stopped after it. A machine without it fails the tests with what to install.
 */
public final class MotoServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private MotoServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  private String scheme = "http";

  public static MotoServer start() throws IOException, InterruptedException {
    return start(List.of());
  }

  /** Serving HTTPS with this certificate and key (PEM files), as S3 itself does. */
  public static MotoServer startTls(Path certificate, Path key)
      throws IOException, InterruptedException {
    MotoServer moto = start(List.of("-s", "-c", certificate.toString(), "-k", key.toString()));
    return moto;
  }

  private static MotoServer start(List<String> more) throws IOException, InterruptedException {
    int port = freePort();
    Path log = Files.createTempFile("moto-", ".log");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port)));
    command.addAll(more);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    MotoServer moto = new MotoServer(process, port, log);
    moto.scheme = more.isEmpty() ? "http" : "https";
    moto.awaitUp(Duration.ofSeconds(30));
    return moto;
  }

  public URI endpoint() {
    return URI.create(scheme + "://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** Forgets every resource: each test starts from an empty account. */
  public void reset() throws IOException {
    HttpURLConnection conn =
        (HttpURLConnection) endpoint().resolve("/moto-api/reset").toURL().openConnection();
    conn.setRequestMethod("POST");
    if (conn.getResponseCode() != 200) {
      throw new IOException("moto did not reset: HTTP " + conn.getResponseCode());
    }
  }

  private void awaitUp(Duration timeout) throws IOException, InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto's server did not start (exit "
                + process.exitValue()
                + "). "
                + "It needs python3 with moto's server: pip install 'moto[server]'. Its output:\n"
                + Files.readString(log));
      }
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
        return; // listening (a plain probe would not pass a TLS handshake)
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IllegalStateException(
        "moto's server did not answer within " + timeout + ": " + Files.readString(log));
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
