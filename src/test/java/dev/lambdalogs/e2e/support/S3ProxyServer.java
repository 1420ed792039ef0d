package dev.lambdalogs.e2e.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * S3Proxy, run by Maven from src/test/s3proxy/pom.xml on a free loopback port: an S3-compatible server
 * (in memory) that checks every request's SigV4, as S3 does and moto does not, and that keeps connections
 * alive and answers in parallel, so the tail benchmark's clients show their own costs.
 */
public final class S3ProxyServer implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private S3ProxyServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static S3ProxyServer start(Path repo) throws IOException, InterruptedException {
    URI endpoint = URI.create("http://127.0.0.1:" + MotoServer.freePort());
    Path properties = Files.createTempFile("s3proxy-", ".properties");
    Files.writeString(properties, "s3proxy.endpoint=" + endpoint + "\n"
        + "s3proxy.authorization=aws-v2-or-v4\ns3proxy.identity=testing\ns3proxy.credential=testing\n"
        + "jclouds.provider=transient\njclouds.identity=testing\njclouds.credential=testing\n"
        // it refuses headers it does not know, x-amz-security-token among them (Lambda's credentials carry
        // one); it still checks them as part of the signature
        + "s3proxy.ignore-unknown-headers=true\n");
    Path log = Files.createTempFile("s3proxy-", ".log");
    Process process = new ProcessBuilder(repo.resolve("mvnw").toString(), "-q", "-f",
        repo.resolve("src/test/s3proxy/pom.xml").toString(), "exec:java", "-Ds3proxy.properties=" + properties)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    S3ProxyServer server = new S3ProxyServer(process, endpoint);
    long until = System.nanoTime() + 180_000_000_000L; // the first run downloads S3Proxy from Maven Central
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy did not start (it needs Maven Central the first time, to fetch "
            + "org.gaul:s3proxy). Its output:\n" + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
        return server;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    server.close();
    throw new IllegalStateException("S3Proxy did not answer within 3 minutes: " + Files.readString(log));
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy); // Maven's JVM, started by the wrapper script
    process.destroy();
  }
}
