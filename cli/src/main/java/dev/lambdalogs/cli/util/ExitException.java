package dev.lambdalogs.cli.util;

/** Ends the command with a message for the user and one of the documented exit codes. */
public final class ExitException extends RuntimeException {
  public static final int FAILED = 1;

  private final int code;

  public ExitException(int code, String message) {
    super(message);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
