package dev.lambdalogs.cli.archive;

import dev.lambdalogs.cli.service.Errors;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The archive in its bucket, read with ListObjectsV2 (by prefix, from StartAfter) and GetObject. */
public final class S3Source implements Source {
  private final S3Client s3;
  private final String bucket;

  public S3Source(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public List<ObjectRef> list(String prefix, String startAfter) {
    // pages are fetched while iterating: the whole iteration is the call whose errors are explained
    return Errors.call("s3:ListBucket", "s3://" + bucket + "/" + prefix, () -> {
      List<ObjectRef> objects = new ArrayList<>();
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).startAfter(startAfter)).contents()) {
        objects.add(new ObjectRef(o.key(), o.size()));
      }
      return objects;
    });
  }

  @Override
  public List<String> children(String prefix) {
    return Errors.call("s3:ListBucket", "s3://" + bucket + "/" + prefix, () -> {
      List<String> names = new ArrayList<>();
      for (CommonPrefix p : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).delimiter("/")).commonPrefixes()) {
        String name = p.prefix().substring(prefix.length());
        names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
      }
      return names;
    });
  }

  @Override
  public InputStream open(String key) {
    return Errors.call("s3:GetObject", "s3://" + bucket + "/" + key, () -> s3.getObject(b -> b.bucket(bucket).key(key)));
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/";
  }
}
