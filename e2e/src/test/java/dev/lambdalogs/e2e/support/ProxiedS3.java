package dev.lambdalogs.e2e.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * moto's S3 server with the fault-injecting proxy in front of it, for a test class
 * ({@code @RegisterExtension}): started once, and before each test emptied down to one healed
 * bucket.
 */
public final class ProxiedS3 implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private final String bucket;
  private MotoServer moto;
  private FaultProxy proxy;
  private S3Client client;

  public ProxiedS3(String bucket) {
    this.bucket = bucket;
  }

  public MotoServer moto() {
    return moto;
  }

  /** Where the extension writes: through the proxy. */
  public FaultProxy proxy() {
    return proxy;
  }

  /** For the test's own reads: straight to moto. */
  public S3Client client() {
    return client;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    moto = MotoServer.start();
    proxy = new FaultProxy(moto.endpoint());
    client = S3.client(moto.endpoint());
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    moto.reset();
    proxy.heal();
    proxy.resetCounts();
    client.createBucket(b -> b.bucket(bucket));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (client != null) {
      client.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (moto != null) {
      moto.close();
    }
  }
}
