package dev.lambdalogs.cli.failure;

/** Ends the command with a message for the user and one of the documented exit codes. */
public class ExitException extends RuntimeException {
  public static final int FAILED = 1;

  /** Bad usage, found before anything was called. */
  public static final int USAGE = 2;

  /** Some functions (or objects) failed, each named with its reason; the others were done. */
  public static final int PARTLY_DONE = 3;

  /** status --check found a function without the extension, or with an outdated one. */
  public static final int DRIFT = 4;

  private final int code;

  /**
   * The exit code of a command that acted on {@code total} things and failed {@code failed} of
   * them.
   */
  public static int forFailures(long failed, long total) {
    return failed == 0 ? 0 : failed == total ? FAILED : PARTLY_DONE;
  }

  public ExitException(int code, String message) {
    super(message);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
