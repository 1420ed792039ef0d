package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.failure.Failure;
import dev.lambdalogs.contract.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The destination bucket: ours and reused, or created locked down. */
public final class Buckets {
  private final Aws aws;

  public Buckets(Aws aws) {
    this.aws = aws;
  }

  /**
   * What will be done with the bucket, step by step, for the plan and the report.
   *
   * @param setRetention the bucket's expiry rule is to be set to {@code retentionDays}
   */
  public record Plan(
      String bucket,
      String region,
      boolean create,
      Integer retentionDays,
      boolean setRetention,
      List<String> steps) {}

  static final String RETENTION_RULE = "lambdalogs-retention";

  public static String defaultName(String account, String region) {
    return "lambdalogs-" + account + "-" + region;
  }

  /** Looks at the bucket (with the expected-owner check) and says what is to be done. */
  public Plan plan(String bucket, String region, Integer retentionDays) {
    String account = aws.account();
    S3Client s3 = aws.s3(region);
    try {
      head(bucket, region);
    } catch (AwsServiceException e) {
      if (e.statusCode() == 404) {
        return new Plan(
            bucket,
            region,
            true,
            retentionDays,
            retentionDays != null,
            createSteps(bucket, retentionDays));
      }
      if (e.statusCode() == 403) {
        throw new Failure(
            "bucket "
                + bucket
                + " exists but is not owned by account "
                + account
                + " (or you may not read it): choose another name with --bucket");
      }
      throw new Failure(Errors.describe("s3:ListBucket", "bucket " + bucket, e));
    }
    List<String> steps =
        new ArrayList<>(List.of("reuse s3://" + bucket + " (owned by " + account + ")"));
    boolean setRetention =
        retentionDays != null && !retentionDays.equals(retention(rules(s3, bucket)));
    if (setRetention) {
      steps.add(
          "expire objects after "
              + retentionDays
              + " days (rule "
              + RETENTION_RULE
              + "; the bucket's other "
              + "lifecycle rules kept)");
    } else if (retentionDays != null) {
      steps.add("objects already expire after " + retentionDays + " days");
    }
    return new Plan(bucket, region, false, retentionDays, setRetention, steps);
  }

  /**
   * Why functions in a region could not write to the bucket (it is gone, another account's, or in
   * another region), or null when they can.
   */
  public String problem(String bucket, String region) {
    try {
      head(bucket, region);
      return null;
    } catch (AwsServiceException e) {
      return switch (e.statusCode()) {
        case 404 -> "bucket " + bucket + " does not exist (lambdalogs install creates it)";
        case 403 ->
            "bucket " + bucket + " is not account " + aws.account() + "'s, or may not be read";
        case 301 -> "bucket " + bucket + " is not in " + region + ", where the function writes";
        default -> Errors.describe("s3:ListBucket", "bucket " + bucket, e);
      };
    }
  }

  /**
   * HeadBucket with the account as the expected owner: S3's answer (404, 403 for another owner, 301
   * for another region) is the caller's to word; no answer at all is worded here.
   */
  private void head(String bucket, String region) {
    String account = aws.account();
    try {
      aws.s3(region).headBucket(b -> b.bucket(bucket).expectedBucketOwner(account));
    } catch (SdkClientException e) {
      throw Errors.failure("s3:ListBucket", "bucket " + bucket, e);
    }
  }

  /** The bucket's lifecycle rules, none when it has no configuration. */
  private static List<LifecycleRule> rules(S3Client s3, String bucket) {
    return Errors.call(
        "s3:GetLifecycleConfiguration",
        "bucket " + bucket,
        () -> {
          try {
            return s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
          } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
              return List.of();
            }
            throw e;
          }
        });
  }

  /** The days of our expiry rule, or null. */
  private static Integer retention(List<LifecycleRule> rules) {
    return rules.stream()
        .filter(r -> RETENTION_RULE.equals(r.id()) && r.expiration() != null)
        .map(r -> r.expiration().days())
        .findFirst()
        .orElse(null);
  }

  private static List<String> createSteps(String bucket, Integer retentionDays) {
    List<String> steps =
        new ArrayList<>(
            List.of(
                "create s3://" + bucket,
                "block all public access",
                "default encryption (SSE-S3)",
                "bucket-owner-enforced object ownership",
                "a policy refusing non-TLS requests"));
    if (retentionDays != null) {
      steps.add("expire objects after " + retentionDays + " days");
    }
    return steps;
  }

  public void apply(Plan plan) {
    String bucket = plan.bucket();
    S3Client s3 = aws.s3(plan.region());
    if (plan.create()) {
      create(s3, plan);
    }
    if (plan.setRetention()) {
      // read again: the rules of others as they are now, ours replaced
      List<LifecycleRule> rules = new ArrayList<>(plan.create() ? List.of() : rules(s3, bucket));
      rules.removeIf(r -> RETENTION_RULE.equals(r.id()));
      rules.add(
          LifecycleRule.builder()
              .id(RETENTION_RULE)
              .status(ExpirationStatus.ENABLED)
              .filter(f -> f.prefix(""))
              .expiration(x -> x.days(plan.retentionDays()))
              .build());
      Errors.run(
          "s3:PutLifecycleConfiguration",
          "bucket " + bucket,
          () ->
              s3.putBucketLifecycleConfiguration(
                  b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules))));
    }
  }

  private void create(S3Client s3, Plan plan) {
    String bucket = plan.bucket();
    String resource = "bucket " + bucket;
    Errors.run(
        "s3:CreateBucket",
        resource,
        () -> {
          try {
            s3.createBucket(
                b -> {
                  b.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED);
                  if (!plan.region().equals("us-east-1")) {
                    b.createBucketConfiguration(
                        c ->
                            c.locationConstraint(
                                BucketLocationConstraint.fromValue(plan.region())));
                  }
                });
          } catch (BucketAlreadyOwnedByYouException e) {
            // another install (a second pipeline) made it meanwhile: the settings below are the
            // same either way
          }
        });
    Errors.run(
        "s3:PutBucketPublicAccessBlock",
        resource,
        () ->
            s3.putPublicAccessBlock(
                b ->
                    b.bucket(bucket)
                        .publicAccessBlockConfiguration(
                            c ->
                                c.blockPublicAcls(true)
                                    .ignorePublicAcls(true)
                                    .blockPublicPolicy(true)
                                    .restrictPublicBuckets(true))));
    Errors.run(
        "s3:PutEncryptionConfiguration",
        resource,
        () ->
            s3.putBucketEncryption(
                b ->
                    b.bucket(bucket)
                        .serverSideEncryptionConfiguration(
                            c ->
                                c.rules(
                                    r ->
                                        r.applyServerSideEncryptionByDefault(
                                            d -> d.sseAlgorithm(ServerSideEncryption.AES256))))));
    Errors.run(
        "s3:PutBucketOwnershipControls",
        resource,
        () ->
            s3.putBucketOwnershipControls(
                b ->
                    b.bucket(bucket)
                        .ownershipControls(
                            c ->
                                c.rules(
                                    r ->
                                        r.objectOwnership(
                                            ObjectOwnership.BUCKET_OWNER_ENFORCED)))));
    Errors.run(
        "s3:PutBucketPolicy",
        resource,
        () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(tlsOnly(bucket))));
  }

  static String tlsOnly(String bucket) {
    return Json.write(
        Map.of(
            "Version",
            "2012-10-17",
            "Statement",
            List.of(
                Map.of(
                    "Sid",
                    "DenyInsecureTransport",
                    "Effect",
                    "Deny",
                    "Principal",
                    "*",
                    "Action",
                    "s3:*",
                    "Resource",
                    List.of("arn:aws:s3:::" + bucket, "arn:aws:s3:::" + bucket + "/*"),
                    "Condition",
                    Map.of("Bool", Map.of("aws:SecureTransport", "false"))))));
  }
}
