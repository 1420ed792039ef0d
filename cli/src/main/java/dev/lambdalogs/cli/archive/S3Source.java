package dev.lambdalogs.cli.archive;

import dev.lambdalogs.cli.failure.Failure;
import dev.lambdalogs.cli.failure.Unreachable;
import dev.lambdalogs.cli.failure.Wording;
import dev.lambdalogs.contract.http.Backoff;
import dev.lambdalogs.contract.http.Http;
import dev.lambdalogs.contract.s3.Bucket;
import dev.lambdalogs.contract.s3.SigV4;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The archive in its bucket, read with plain signed requests: ListObjectsV2 (by prefix, from
 * StartAfter) and one GET per object. A range holds thousands of small objects, and the SDK's
 * client spent more CPU on each request, and more time starting, than the reading itself took
 * (docs/benchmarks.md). Failures are retried as the SDK's clients retry them, and worded as theirs
 * are.
 */
public final class S3Source implements Source {
  private static final int ATTEMPTS = 10;
  private static final long MAX_BACKOFF_MS = 5_000;
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 60_000;
  private static final byte[] NO_BODY = new byte[0];

  private final Bucket bucket;
  private final Supplier<SigV4.Credentials> credentials;
  private final Unreachable.Watch watch;

  /**
   * @param credentials asked before each request: a provider refreshes what expires; it words its
   *     own failures
   * @param watch ends the command when the server cannot be reached at all
   */
  public S3Source(Bucket bucket, Supplier<SigV4.Credentials> credentials, Unreachable.Watch watch) {
    this.bucket = bucket;
    this.credentials = credentials;
    this.watch = watch;
  }

  @Override
  public List<ObjectRef> list(String prefix, String startAfter) {
    Map<String, String> query = new HashMap<>(Map.of("list-type", "2", "prefix", prefix));
    if (startAfter != null) {
      query.put("start-after", startAfter);
    }
    List<ObjectRef> objects = new ArrayList<>();
    for (ListPage page : pages(query, prefix)) {
      objects.addAll(page.objects());
    }
    return objects;
  }

  @Override
  public List<String> children(String prefix) {
    List<String> names = new ArrayList<>();
    for (ListPage page :
        pages(Map.of("list-type", "2", "prefix", prefix, "delimiter", "/"), prefix)) {
      for (String common : page.prefixes()) {
        String name = common.substring(prefix.length());
        names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
      }
    }
    return names;
  }

  private List<ListPage> pages(Map<String, String> query, String prefix) {
    String resource = bucket.describe(prefix);
    List<ListPage> pages = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> page = new HashMap<>(query);
      if (token != null) {
        page.put("continuation-token", token);
      }
      String xml = get(bucket.uri(page), "s3:ListBucket", resource).text();
      try {
        pages.add(ListPage.parse(xml));
      } catch (IllegalArgumentException e) {
        throw new Failure(
            "s3:ListBucket on " + resource + " answered what is not a listing: " + e.getMessage());
      }
      token = pages.get(pages.size() - 1).next();
    } while (token != null);
    return pages;
  }

  @Override
  public InputStream open(String key) {
    return new ByteArrayInputStream(
        get(bucket.uri(key), "s3:GetObject", bucket.describe(key)).body());
  }

  /**
   * A successful answer to a GET, after retrying what passes by itself; else the failure, worded.
   */
  private Http.Response get(URI uri, String action, String resource) {
    for (int attempt = 1; ; attempt++) {
      SigV4.Credentials signer = credentials.get();
      try {
        Http.Response response =
            Http.exchange(
                "GET",
                uri,
                bucket.sign("GET", uri, NO_BODY, signer),
                null,
                CONNECT_TIMEOUT_MS,
                READ_TIMEOUT_MS);
        watch.reached(uri);
        if (response.ok()) {
          return response;
        }
        String code = Bucket.errorCode(response);
        if (!Bucket.isTransient(response.status(), code) || attempt == ATTEMPTS) {
          String message = Bucket.errorMessage(response);
          throw new Failure(
              Wording.describe(
                  action,
                  resource,
                  response.status(),
                  code == null ? "" : code,
                  message == null ? "HTTP " + response.status() : message));
        }
      } catch (IOException failure) {
        IOException e = watch.failed(uri, failure);
        if (attempt == ATTEMPTS) {
          throw new Failure(
              action + " on " + resource + " failed after " + ATTEMPTS + " attempts: " + e);
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
      throw new Failure("interrupted");
    }
  }

  @Override
  public String describe() {
    return bucket.describe("");
  }
}
