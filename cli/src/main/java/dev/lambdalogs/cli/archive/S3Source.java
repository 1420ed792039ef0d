package dev.lambdalogs.cli.archive;

import dev.lambdalogs.cli.service.Errors;
import dev.lambdalogs.extension.sink.Bucket;
import dev.lambdalogs.extension.sink.SigV4;
import dev.lambdalogs.extension.util.Backoff;
import dev.lambdalogs.extension.util.Http;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archive in its bucket: listed with the SDK's ListObjectsV2 (by prefix, from StartAfter), each object
 * read with one signed GET. A range holds thousands of small objects, and the SDK's request pipeline
 * spent more CPU on each than reading it did (docs/benchmarks.md); the GETs are retried as the SDK would.
 */
public final class S3Source implements Source {
  private static final int ATTEMPTS = 10;
  private static final long MAX_BACKOFF_MS = 5_000;
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 60_000;
  private static final byte[] NO_BODY = new byte[0];

  private final S3Client s3;
  private final Bucket bucket;
  private final Supplier<SigV4.Credentials> credentials;

  public S3Source(S3Client s3, Bucket bucket, Supplier<SigV4.Credentials> credentials) {
    this.s3 = s3;
    this.bucket = bucket;
    this.credentials = credentials;
  }

  @Override
  public List<ObjectRef> list(String prefix, String startAfter) {
    // pages are fetched while iterating: the whole iteration is the call whose errors are explained
    return Errors.call("s3:ListBucket", bucket.describe(prefix), () -> {
      List<ObjectRef> objects = new ArrayList<>();
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket.name()).prefix(prefix).startAfter(startAfter))
          .contents()) {
        objects.add(new ObjectRef(o.key(), o.size()));
      }
      return objects;
    });
  }

  @Override
  public List<String> children(String prefix) {
    return Errors.call("s3:ListBucket", bucket.describe(prefix), () -> {
      List<String> names = new ArrayList<>();
      for (CommonPrefix p : s3.listObjectsV2Paginator(b -> b.bucket(bucket.name()).prefix(prefix).delimiter("/"))
          .commonPrefixes()) {
        String name = p.prefix().substring(prefix.length());
        names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
      }
      return names;
    });
  }

  @Override
  public InputStream open(String key) {
    URI uri = bucket.uri(key);
    String resource = bucket.describe(key);
    for (int attempt = 1; ; attempt++) {
      SigV4.Credentials signer = Errors.call("s3:GetObject", resource, credentials);
      try {
        Http.Response response = Http.exchange("GET", uri, bucket.sign("GET", uri, NO_BODY, signer), null,
            CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
        if (response.ok()) {
          return new ByteArrayInputStream(response.body());
        }
        String code = Bucket.errorCode(response);
        if (!Bucket.isTransient(response.status(), code) || attempt == ATTEMPTS) {
          String message = Bucket.errorMessage(response);
          throw new Errors.Failure(Errors.describe("s3:GetObject", resource, response.status(), code == null ? "" : code,
              message == null ? "HTTP " + response.status() : message));
        }
      } catch (IOException e) {
        if (attempt == ATTEMPTS) {
          throw new Errors.Failure("s3:GetObject on " + resource + " failed after " + ATTEMPTS + " attempts: " + e);
        }
      }
      pause(Backoff.delay(attempt, MAX_BACKOFF_MS));
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Errors.Failure("interrupted");
    }
  }

  @Override
  public String describe() {
    return "s3://" + bucket.name() + "/";
  }
}
