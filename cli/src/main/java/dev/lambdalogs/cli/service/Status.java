package dev.lambdalogs.cli.service;

import java.util.Optional;

/** Whether a function has the extension, which version, whether it is this CLI's, and where logs go. */
public final class Status {
  public record Row(String function, String region, String runtime, String architecture, boolean installed,
      String layer, boolean upToDate, String destination, String problem) {}

  private final Layers layers;

  public Status(Layers layers) {
    this.layers = layers;
  }

  public Row of(Target t) {
    if (t.isImage()) {
      return new Row(t.name(), t.region(), "image", t.architecture(), false, null, false, null, "container image");
    }
    Optional<String> ours = t.layers().stream().filter(Layers::isOurs).findFirst();
    if (ours.isEmpty()) {
      return new Row(t.name(), t.region(), t.runtime(), t.architecture(), false, null, false, null, null);
    }
    String layer = ours.get();
    boolean upToDate = layers.publishedSha256(layer, t.region()).equals(layers.sha256(Layers.variantOf(layer)));
    String bucket = t.environment().get("LAMBDALOGS_BUCKET");
    String destination = bucket == null ? null
        : "s3://" + bucket + "/" + t.environment().getOrDefault("LAMBDALOGS_PREFIX", "lambda-logs/") + t.name() + "/";
    return new Row(t.name(), t.region(), t.runtime(), t.architecture(), true, Layers.shortName(layer), upToDate,
        destination, bucket == null ? "LAMBDALOGS_BUCKET is not set" : null);
  }

  /** True when the function has this CLI's extension, configured. */
  public static boolean healthy(Row row) {
    return row.installed() && row.upToDate() && row.problem() == null;
  }
}
