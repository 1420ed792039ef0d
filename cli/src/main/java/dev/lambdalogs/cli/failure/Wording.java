package dev.lambdalogs.cli.failure;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Failures in the user's words: what failed, on which resource, and what to do next. */
public final class Wording {
  private Wording() {}

  /**
   * A failed call, worded for the user with what to do next: from the HTTP status and AWS error
   * code.
   */
  public static String describe(
      String action, String resource, int status, String code, String message) {
    String what =
        action
            + " on "
            + resource
            + " failed: "
            + (code.isEmpty() ? "HTTP " + status : code)
            + ": "
            + message;
    if (code.startsWith("AccessDenied") || status == 403 && !code.equals("ExpiredToken")) {
      return what + " (the caller needs " + action + " on " + resource + ")";
    }
    if (code.equals("NoSuchBucket")) {
      return what
          + " (check --bucket, or the function's LAMBDALOGS_BUCKET; lambdalogs install creates it)";
    }
    if (code.equals("ResourceNotFoundException") || code.equals("NoSuchEntity")) {
      return what + " (check the name and the region)";
    }
    if (code.contains("Throttl")
        || code.equals("TooManyRequestsException")
        || code.equals("SlowDown")) {
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
      String what =
          fs instanceof NoSuchFileException
              ? "no such file or folder"
              : fs instanceof AccessDeniedException
                  ? "permission denied"
                  : fs instanceof FileAlreadyExistsException
                      ? "already exists"
                      : fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
      return fs.getFile()
          + ": "
          + what
          + (fs.getOtherFile() != null ? " (" + fs.getOtherFile() + ")" : "");
    }
    return String.valueOf(e.getMessage());
  }

  public static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
