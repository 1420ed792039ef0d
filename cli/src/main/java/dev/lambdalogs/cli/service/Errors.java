package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.util.ExitException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns AWS errors into messages that say what failed, on which resource, and what to do. Missing
 * credentials end the command; anything else fails only the function it concerns.
 */
public final class Errors {
  private Errors() {}

  /** A failure of one call, already worded for the user. */
  public static final class Failure extends RuntimeException {
    public Failure(String message) {
      super(message);
    }
  }

  /** @param action the IAM action the call needs, e.g. {@code lambda:UpdateFunctionConfiguration} */
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
   * What a call that got no answer from AWS ends in: the command's end when AWS cannot be reached or no
   * credentials are found, else a failure of this call only.
   */
  static RuntimeException failure(String action, String resource, SdkClientException e) {
    Unreachable unreachable = Unreachable.in(e);
    if (unreachable != null) {
      return unreachable;
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("credentials") || message.contains("Credentials")) {
      return new ExitException(ExitException.FAILED, "no AWS credentials: run `aws configure`, set AWS_PROFILE "
          + "or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or pass --profile (-v says where the SDK looked)");
    }
    return new Failure(action + " on " + resource + " failed: " + firstLine(message));
  }

  public static void run(String action, String resource, Runnable call) {
    call(action, resource, () -> {
      call.run();
      return null;
    });
  }

  /** The AWS error code of a service exception, or "". */
  private static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
  }

  static String describe(String action, String resource, AwsServiceException e) {
    String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
        ? e.awsErrorDetails().errorMessage() : firstLine(e.getMessage());
    return describe(action, resource, e.statusCode(), code(e), message);
  }

  /** A failed call, worded for the user with what to do next: from the HTTP status and AWS error code. */
  public static String describe(String action, String resource, int status, String code, String message) {
    String what = action + " on " + resource + " failed: " + (code.isEmpty() ? "HTTP " + status : code)
        + ": " + message;
    if (code.startsWith("AccessDenied") || status == 403 && !code.equals("ExpiredToken")) {
      return what + " (the caller needs " + action + " on " + resource + ")";
    }
    if (code.equals("NoSuchBucket")) {
      return what + " (check --bucket, or the function's LAMBDALOGS_BUCKET; lambdalogs install creates it)";
    }
    if (code.equals("ResourceNotFoundException") || code.equals("NoSuchEntity")) {
      return what + " (check the name and the region)";
    }
    if (code.contains("Throttl") || code.equals("TooManyRequestsException") || code.equals("SlowDown")) {
      return what + " (throttled past 10 attempts: try again later)";
    }
    if (code.equals("ExpiredToken") || code.equals("ExpiredTokenException")) {
      return what + " (your session expired: sign in again)";
    }
    return what;
  }

  /** A file-system failure in words: which file, and what went wrong with it. */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException fs) {
      String what = fs instanceof NoSuchFileException ? "no such file or folder"
          : fs instanceof AccessDeniedException ? "permission denied"
          : fs instanceof FileAlreadyExistsException ? "already exists"
          : fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
      return fs.getFile() + ": " + what + (fs.getOtherFile() != null ? " (" + fs.getOtherFile() + ")" : "");
    }
    return String.valueOf(e.getMessage());
  }

  public static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
