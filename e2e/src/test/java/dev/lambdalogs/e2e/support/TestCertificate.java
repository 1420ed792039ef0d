package dev.lambdalogs.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1, made with openssl, and a truststore holding it: so the
 * tests can run S3 over TLS, as the extension talks to it in Lambda.
 */
public final class TestCertificate {
  public static final String PASSWORD = "changeit";

  public final Path certificate;
  public final Path key;
  public final Path truststore;

  private TestCertificate(Path certificate, Path key, Path truststore) {
    this.certificate = certificate;
    this.key = key;
    this.truststore = truststore;
  }

  public static TestCertificate create(Path dir) throws Exception {
    Path certificate = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl;
    try {
      openssl =
          new ProcessBuilder(
                  "openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "rsa:2048",
                  "-nodes",
                  "-days",
                  "1",
                  "-subj",
                  "/CN=127.0.0.1",
                  "-addext",
                  "subjectAltName=IP:127.0.0.1",
                  "-keyout",
                  key.toString(),
                  "-out",
                  certificate.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "these tests make a certificate with openssl: apt-get install openssl", e);
    }
    String output = new String(openssl.getInputStream().readAllBytes());
    if (openssl.waitFor() != 0) {
      throw new IllegalStateException("openssl failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
      store.setCertificateEntry("test-s3", cert);
    }
    Path truststore = dir.resolve("truststore.p12");
    try (OutputStream out = Files.newOutputStream(truststore)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return new TestCertificate(certificate, key, truststore);
  }

  /** JVM options that make a Java process trust this certificate (and only it). */
  public String javaOptions() {
    return "-Djavax.net.ssl.trustStore="
        + truststore
        + " -Djavax.net.ssl.trustStorePassword="
        + PASSWORD
        + " -Djavax.net.ssl.trustStoreType=PKCS12";
  }

  public TrustManager[] trustManagers() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(truststore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }
}
