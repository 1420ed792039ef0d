package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.failure.Failure;
import dev.lambdalogs.cli.layer.Layer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;

/**
 * The layer versions in the account: which variant a function needs, and a published version with
 * this CLI's extension, found by the SHA-256 in its description or published once.
 */
public final class Layers {
  /**
   * The two layers: the plain one for runtimes with Java 17+, and the one carrying its own runtime.
   */
  public enum Variant {
    PLAIN("lambdalogs", true, List.of("x86_64", "arm64")),
    JRE("lambdalogs-jre", false, List.of("x86_64"));

    public final String layerName;

    /** What its published versions list as compatible: Lambda takes 15 at most. */
    final List<String> runtimes;

    final List<String> architectures;

    Variant(String layerName, boolean forJvmRuntimes, List<String> architectures) {
      this.layerName = layerName;
      this.runtimes = Runtimes.served(forJvmRuntimes, 15);
      this.architectures = architectures;
    }
  }

  /**
   * The variant for a runtime and architecture, or why there is none; and a warning for a runtime
   * not in the table.
   */
  public record Choice(Variant variant, String refusal, String warning) {}

  /** A layer version holding this CLI's extension. */
  public record Version(String arn, boolean published) {}

  private static final Pattern OURS = Pattern.compile(":layer:(lambdalogs|lambdalogs-jre):(\\d+)$");
  private static final Pattern HASH = Pattern.compile("sha256:([0-9a-f]{64})");

  private final Aws aws;
  private final Map<Variant, Layer.Zip> zips = new ConcurrentHashMap<>();
  private final Map<Variant, String> digests = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> found = new ConcurrentHashMap<>();
  private final Map<String, String> published = new ConcurrentHashMap<>();
  private final Map<String, String> hashes = new ConcurrentHashMap<>();

  public Layers(Aws aws) {
    this.aws = aws;
  }

  public static Choice choose(String runtime, String architecture) {
    Runtimes.Reading reading = Runtimes.read(runtime == null ? "" : runtime);
    Variant variant = reading.runtime().runsTheExtension() ? Variant.PLAIN : Variant.JRE;
    if (variant.architectures.contains(architecture)) {
      return new Choice(variant, null, reading.warning());
    }
    return new Choice(
        null,
        runtime
            + " on "
            + architecture
            + " is not supported: the layer for runtimes without "
            + "Java 17+ carries an x86_64 Java runtime only. Move the function to x86_64, or to java17/java21/java25",
        reading.warning());
  }

  /** True for a layer version ARN of either lambdalogs layer. */
  public static boolean isOurs(String layerArn) {
    return OURS.matcher(layerArn).find();
  }

  /** "lambdalogs:3" for a layer version ARN of ours. */
  public static String shortName(String layerArn) {
    Matcher m = OURS.matcher(layerArn);
    return m.find() ? m.group(1) + ":" + m.group(2) : layerArn;
  }

  public String sha256(Variant variant) {
    return digests.computeIfAbsent(
        variant,
        v -> {
          try {
            return Layer.sha256(v == Variant.JRE);
          } catch (IOException e) {
            throw new Failure(e.getMessage());
          }
        });
  }

  /**
   * The version holding this CLI's extension in this region: the one published before, else a new
   * one.
   */
  public Version ensure(Variant variant, String region) {
    return find(variant, region)
        .map(arn -> new Version(arn, false))
        .orElseGet(() -> new Version(publish(variant, region), true));
  }

  /** What a plan names in place of a version not published yet: applying the plan publishes it. */
  public static String unpublished(Variant variant) {
    return "(new version of " + variant.layerName + ")";
  }

  /** The variant a plan's placeholder stands for, or null when the layer is a real version. */
  public static Variant unpublishedVariant(String layer) {
    for (Variant variant : Variant.values()) {
      if (unpublished(variant).equals(layer)) {
        return variant;
      }
    }
    return null;
  }

  /**
   * The version published before with this CLI's extension (the same SHA-256), if any: it only
   * asks.
   */
  public Optional<String> find(Variant variant, String region) {
    return found.computeIfAbsent(
        variant + "@" + region,
        k -> {
          String marker = "sha256:" + sha256(variant);
          LambdaClient lambda = aws.lambda(region);
          List<LayerVersionsListItem> all =
              Errors.call(
                  "lambda:ListLayerVersions",
                  "layer " + variant.layerName,
                  () ->
                      lambda
                          .listLayerVersionsPaginator(b -> b.layerName(variant.layerName))
                          .layerVersions()
                          .stream()
                          .toList());
          return all.stream()
              .filter(v -> v.description() != null && v.description().contains(marker))
              .map(LayerVersionsListItem::layerVersionArn)
              .findFirst();
        });
  }

  /**
   * Publishes this CLI's extension as a new version: once per variant and region, however many
   * functions need it.
   */
  public String publish(Variant variant, String region) {
    return published.computeIfAbsent(
        variant + "@" + region,
        k -> {
          Layer.Zip zip = zip(variant);
          PublishLayerVersionResponse response =
              Errors.call(
                  "lambda:PublishLayerVersion",
                  "layer " + variant.layerName,
                  () ->
                      aws.lambda(region)
                          .publishLayerVersion(
                              b ->
                                  b.layerName(variant.layerName)
                                      .description("lambdalogs extension, sha256:" + zip.sha256())
                                      .content(c -> c.zipFile(SdkBytes.fromByteArray(zip.bytes())))
                                      .compatibleRuntimesWithStrings(variant.runtimes)
                                      .compatibleArchitecturesWithStrings(variant.architectures)
                                      .licenseInfo("Apache-2.0")));
          found.put(
              k, Optional.of(response.layerVersionArn())); // a function planned again finds it
          return response.layerVersionArn();
        });
  }

  /**
   * True when a layer version of ours carries this CLI's extension: its published SHA-256 is this
   * build's.
   */
  public boolean isThisCli(String layerArn, String region) {
    return publishedSha256(layerArn, region).equals(sha256(variantOf(layerArn)));
  }

  /** The SHA-256 a published version of ours carries in its description, or null. */
  public String publishedSha256(String layerArn, String region) {
    return hashes.computeIfAbsent(
        layerArn,
        arn -> {
          Matcher m = OURS.matcher(arn);
          if (!m.find()) {
            return "";
          }
          String description =
              Errors.call(
                  "lambda:GetLayerVersion",
                  "layer " + shortName(arn),
                  () ->
                      aws.lambda(region)
                          .getLayerVersion(
                              b ->
                                  b.layerName(m.group(1)).versionNumber(Long.parseLong(m.group(2))))
                          .description());
          Matcher hash = HASH.matcher(description == null ? "" : description);
          return hash.find() ? hash.group(1) : "";
        });
  }

  public static Variant variantOf(String layerArn) {
    Matcher m = OURS.matcher(layerArn);
    return m.find() && m.group(1).equals(Variant.JRE.layerName) ? Variant.JRE : Variant.PLAIN;
  }

  private Layer.Zip zip(Variant variant) {
    return zips.computeIfAbsent(
        variant,
        v -> {
          try {
            return Layer.build(v == Variant.JRE);
          } catch (IOException e) {
            throw new Failure(e.getMessage());
          }
        });
  }
}
