package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The destination bucket: ours and reused, or created locked down. */
public final class Buckets {
  private final Aws aws;

  public Buckets(Aws aws) {
    this.aws = aws;
  }

  /** What will be done with the bucket, step by step, for the plan and the report. */
  public record Plan(String bucket, String region, boolean create, Integer retentionDays, List<String> steps) {}

  public static String defaultName(String account, String region) {
    return "lambdalogs-" + account + "-" + region;
  }

  /** Looks at the bucket (with the expected-owner check) and says what is to be done. */
  public Plan plan(String bucket, String region, Integer retentionDays) {
    String account = aws.account();
    S3Client s3 = aws.s3(region);
    try {
      s3.headBucket(b -> b.bucket(bucket).expectedBucketOwner(account));
      return new Plan(bucket, region, false, retentionDays, List.of("reuse s3://" + bucket + " (owned by " + account + ")"));
    } catch (AwsServiceException e) {
      if (e.statusCode() == 404) {
        return new Plan(bucket, region, true, retentionDays, createSteps(bucket, retentionDays));
      }
      if (e.statusCode() == 403) {
        throw new Errors.Failure("bucket " + bucket + " exists but is not owned by account " + account
            + " (or you may not read it): choose another name with --bucket");
      }
      throw new Errors.Failure(Errors.describe("s3:ListBucket", "bucket " + bucket, e));
    }
  }

  private static List<String> createSteps(String bucket, Integer retentionDays) {
    List<String> steps = new ArrayList<>(List.of("create s3://" + bucket, "block all public access",
        "default encryption (SSE-S3)", "bucket-owner-enforced object ownership", "a policy refusing non-TLS requests"));
    if (retentionDays != null) {
      steps.add("expire objects after " + retentionDays + " days");
    }
    return steps;
  }

  public void apply(Plan plan) {
    if (!plan.create()) {
      return;
    }
    String bucket = plan.bucket();
    S3Client s3 = aws.s3(plan.region());
    String resource = "bucket " + bucket;
    Errors.run("s3:CreateBucket", resource, () -> s3.createBucket(b -> {
      b.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED);
      if (!plan.region().equals("us-east-1")) {
        b.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(plan.region())));
      }
    }));
    Errors.run("s3:PutBucketPublicAccessBlock", resource, () -> s3.putPublicAccessBlock(b -> b.bucket(bucket)
        .publicAccessBlockConfiguration(c -> c.blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true)
            .restrictPublicBuckets(true))));
    Errors.run("s3:PutEncryptionConfiguration", resource, () -> s3.putBucketEncryption(b -> b.bucket(bucket)
        .serverSideEncryptionConfiguration(c -> c.rules(r -> r.applyServerSideEncryptionByDefault(
            d -> d.sseAlgorithm(ServerSideEncryption.AES256))))));
    Errors.run("s3:PutBucketOwnershipControls", resource, () -> s3.putBucketOwnershipControls(b -> b.bucket(bucket)
        .ownershipControls(c -> c.rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)))));
    Errors.run("s3:PutBucketPolicy", resource, () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(tlsOnly(bucket))));
    if (plan.retentionDays() != null) {
      Errors.run("s3:PutLifecycleConfiguration", resource, () -> s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
          .lifecycleConfiguration(c -> c.rules(r -> r.id("lambdalogs-retention").status(ExpirationStatus.ENABLED)
              .filter(f -> f.prefix("")).expiration(x -> x.days(plan.retentionDays()))))));
    }
  }

  static String tlsOnly(String bucket) {
    return Json.write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
        "Sid", "DenyInsecureTransport", "Effect", "Deny", "Principal", "*", "Action", "s3:*",
        "Resource", List.of("arn:aws:s3:::" + bucket, "arn:aws:s3:::" + bucket + "/*"),
        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))));
  }
}
