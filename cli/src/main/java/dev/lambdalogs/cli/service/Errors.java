package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.cli.failure.Failure;
import dev.lambdalogs.cli.failure.Unreachable;
import dev.lambdalogs.cli.failure.Wording;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns AWS errors into messages that say what failed, on which resource, and what to do. Missing
 * credentials end the command; anything else fails only the function it concerns.
 */
public final class Errors {
  private Errors() {}

  /**
   * @param action the IAM action the call needs, e.g. {@code lambda:UpdateFunctionConfiguration}
   */
  public static <T> T call(String action, String resource, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      throw new Failure(describe(action, resource, e));
    } catch (SdkClientException e) {
      throw failure(action, resource, e);
    }
  }

  /**
   * What a call that got no answer from AWS ends in: the command's end when AWS cannot be reached
   * or no credentials are found, else a failure of this call only.
   */
  static RuntimeException failure(String action, String resource, SdkClientException e) {
    Unreachable unreachable = Unreachable.in(e);
    if (unreachable != null) {
      return unreachable;
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("credentials") || message.contains("Credentials")) {
      return new ExitException(
          ExitException.FAILED,
          "no AWS credentials: run `aws configure`, set AWS_PROFILE "
              + "or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or pass --profile (-v says where the SDK looked)");
    }
    return new Failure(action + " on " + resource + " failed: " + Wording.firstLine(message));
  }

  public static void run(String action, String resource, Runnable call) {
    call(
        action,
        resource,
        () -> {
          call.run();
          return null;
        });
  }

  /** The AWS error code of a service exception, or "". */
  private static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? ""
        : e.awsErrorDetails().errorCode();
  }

  static String describe(String action, String resource, AwsServiceException e) {
    String message =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
            ? e.awsErrorDetails().errorMessage()
            : Wording.firstLine(e.getMessage());
    return Wording.describe(action, resource, e.statusCode(), code(e), message);
  }
}
