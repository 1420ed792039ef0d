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
   * The layers: the plain one for runtimes with Java 17+, and those carrying their own runtime, one
   * per architecture.
   */
  public enum Variant {
    PLAIN(
        "lambdalogs",
        Layer.Bundle.NONE,
        Runtimes.served(true, null, 15),
        List.of("x86_64", "arm64")),
    JRE(
        "lambdalogs-jre",
        Layer.Bundle.JRE_X86_64,
        Runtimes.served(false, null, 15),
        List.of("x86_64")),
    /** Debian's OpenJDK 17 for arm64 needs glibc 2.34: Amazon Linux 2023 runtimes only. */
    JRE_ARM64(
        "lambdalogs-jre-arm64",
        Layer.Bundle.JRE_ARM64,
        Runtimes.served(false, "al2023", 15),
        List.of("arm64"));

    public final String layerName;

    /** What the zip carries besides the extension. */
    public final Layer.Bundle bundle;

    /** What its published versions list as compatible: Lambda takes 15 at most. */
    final List<String> runtimes;

    final List<String> architectures;

    Variant(
        String layerName, Layer.Bundle bundle, List<String> runtimes, List<String> architectures) {
      this.layerName = layerName;
      this.bundle = bundle;
      this.runtimes = runtimes;
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

  private static final Pattern OURS =
      Pattern.compile(":layer:(lambdalogs|lambdalogs-jre|lambdalogs-jre-arm64):(\\d+)$");
  private static final Pattern HASH = Pattern.compile("sha256:([0-9a-f]{64})");

  private final Aws aws;
  private final Map<Variant, Layer.Zip> zips = new ConcurrentHashMap<>();
  private final Map<Variant, String> digests = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> found = new ConcurrentHashMap<>();
  private final Map<String, String> hashes = new ConcurrentHashMap<>();

  public Layers(Aws aws) {
    this.aws = aws;
  }

  public static Choice choose(String runtime, String architecture) {
    Runtimes.Reading reading = Runtimes.read(runtime == null ? "" : runtime);
    Runtimes.Runtime read = reading.runtime();
    if (read.runsTheExtension()) {
      return new Choice(Variant.PLAIN, null, reading.warning());
    }
    if ("x86_64".equals(architecture)) {
      return new Choice(Variant.JRE, null, reading.warning());
    }
    if ("arm64".equals(architecture) && "al2023".equals(read.amazonLinux())) {
      return new Choice(Variant.JRE_ARM64, null, reading.warning());
    }
    String why =
        "arm64".equals(architecture)
            ? " runs on Amazon Linux 2, whose glibc (2.26) is older than the layer's arm64 Java runtime"
                + " needs (2.34, Amazon Linux 2023). Move the function to a current runtime (python3.12+,"
                + " nodejs20.x+, provided.al2023, ruby3.3+, dotnet8+), or to x86_64"
            : " is an architecture the layer has no Java runtime for. Move the function to x86_64 or"
                + " arm64";
    return new Choice(null, runtime + " on " + architecture + why, reading.warning());
  }

  /** True for a layer version ARN of any lambdalogs layer. */
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
            return Layer.sha256(v.bundle);
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
   * Publishes this CLI's extension as a new version; a function planned again afterwards finds it.
   * Callers publish once per variant and region (Installer, layer publish).
   */
  public String publish(Variant variant, String region) {
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
    found.put(variant + "@" + region, Optional.of(response.layerVersionArn()));
    return response.layerVersionArn();
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

  /** Which of our layers a layer version ARN of ours is a version of. */
  public static Variant variantOf(String layerArn) {
    Matcher m = OURS.matcher(layerArn);
    if (m.find()) {
      for (Variant variant : Variant.values()) {
        if (variant.layerName.equals(m.group(1))) {
          return variant;
        }
      }
    }
    return Variant.PLAIN;
  }

  private Layer.Zip zip(Variant variant) {
    return zips.computeIfAbsent(
        variant,
        v -> {
          try {
            return Layer.build(v.bundle);
          } catch (IOException e) {
            throw new Failure(e.getMessage());
          }
        });
  }
}
