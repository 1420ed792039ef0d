package dev.lambdalogs.e2e.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * S3Proxy, its one-jar build (which e2e/pom.xml copies from Maven Central) run as a process of its
 * own on a free loopback port: an S3-compatible server (in memory) that checks every request's
 * SigV4, as S3 does and moto does not, and that keeps connections alive and answers in parallel, so
 * the tail benchmark's clients show their own costs.
 */
public final class S3ProxyServer implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private S3ProxyServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static S3ProxyServer start() throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("lambdalogs.s3proxy", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no S3Proxy at "
              + jar
              + ": run the suite through the build (./mvnw verify), "
              + "which copies org.gaul:s3proxy:jar-with-dependencies there");
    }
    URI endpoint = URI.create("http://127.0.0.1:" + MotoServer.freePort());
    Path properties = Files.createTempFile("s3proxy-", ".properties");
    Files.writeString(
        properties,
        "s3proxy.endpoint="
            + endpoint
            + "\n"
            + "s3proxy.authorization=aws-v2-or-v4\ns3proxy.identity=testing\ns3proxy.credential=testing\n"
            + "jclouds.provider=transient\njclouds.identity=testing\njclouds.credential=testing\n"
            // it refuses headers it does not know, x-amz-security-token among them (Lambda's
            // credentials carry
            // one); it still checks them as part of the signature
            + "s3proxy.ignore-unknown-headers=true\n");
    Path log = Files.createTempFile("s3proxy-", ".log");
    Path logback = Files.createTempFile("s3proxy-logback-", ".xml");
    try (var config = S3ProxyServer.class.getResourceAsStream("/s3proxy-logback.xml")) {
      Files.write(logback, config.readAllBytes());
    }
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logback,
                "-jar",
                jar.toString(),
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3ProxyServer server = new S3ProxyServer(process, endpoint);
    long until = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy did not start. Its output:\n" + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
        return server;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    server.close();
    throw new IllegalStateException(
        "S3Proxy did not answer within 2 minutes: " + Files.readString(log));
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
