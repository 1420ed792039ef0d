package dev.lambdalogs.e2e.support;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the IAM action of every AWS SDK call made while {@link #during} runs: registered for
 * every client of the test JVM through the SDK's global interceptors file (test resources), so the
 * CLI's own code is untouched. Calls outside {@link #during} (a test's own set-up) are not
 * recorded.
 */
public final class CallRecorder implements ExecutionInterceptor {
  /** Where an operation's IAM action is not named after it. */
  static final Map<String, String> ACTIONS =
      Map.of(
          "s3:HeadBucket", "s3:ListBucket",
          "s3:ListObjectsV2", "s3:ListBucket",
          "s3:HeadObject", "s3:GetObject",
          "s3:PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock",
          "s3:PutBucketEncryption", "s3:PutEncryptionConfiguration",
          "s3:PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration",
          "s3:GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration",
          "s3:GetBucketEncryption", "s3:GetEncryptionConfiguration");

  private static volatile Set<String> recording;

  /** The IAM actions of the SDK calls {@code work} made. */
  public static synchronized Set<String> during(Callable<?> work) throws Exception {
    Set<String> actions = java.util.Collections.synchronizedSet(new TreeSet<>());
    recording = actions;
    try {
      work.call();
    } finally {
      recording = null;
    }
    return new TreeSet<>(actions);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    Set<String> actions = recording;
    if (actions != null) {
      String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      String action = service.toLowerCase(java.util.Locale.ROOT) + ":" + operation;
      actions.add(ACTIONS.getOrDefault(action, action));
    }
  }
}
