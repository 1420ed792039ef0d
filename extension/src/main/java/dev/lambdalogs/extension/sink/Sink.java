package dev.lambdalogs.extension.sink;

import java.io.IOException;

/** Where sealed batches are written: S3, or a local folder in the same layout. */
public interface Sink {
  /**
   * Writes one object, or throws. Every failure is retried by the shipper; a {@link SinkException}
   * says whether waiting can help and what the user should do.
   */
  void put(String key, byte[] body, int timeoutMs) throws IOException;

  /** The object's full name for messages: {@code s3://bucket/key} or a path. */
  String describe(String key);
}
