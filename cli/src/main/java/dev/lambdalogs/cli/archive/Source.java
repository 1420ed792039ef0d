package dev.lambdalogs.cli.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** Where archived objects are read from: a bucket, or a local folder in the same layout. */
public interface Source {
  /**
   * An archived object: its key, size in bytes, and when it was written (epoch milliseconds, -1
   * when not known). Written after its events, it holds none later than that.
   */
  record ObjectRef(String key, long size, long written) {}

  /** The objects under a prefix, in key order, after {@code startAfter} when it is not null. */
  List<ObjectRef> list(String prefix, String startAfter) throws IOException;

  /** The "folders" right under a prefix: with PREFIX, the functions that have logs. */
  List<String> children(String prefix) throws IOException;

  InputStream open(String key) throws IOException;

  /** The object's own file, when the source is a folder on this machine; else null. */
  default Path file(String key) {
    return null;
  }

  /**
   * Where it is, for messages, ready for a prefix to follow: {@code s3://bucket/} or a folder
   * ending in /.
   */
  String describe();
}
