package dev.lambdalogs.cli.failure;

/**
 * A failure of one call, already worded for the user: it fails the function or object it concerns,
 * and the command goes on with the others.
 */
public final class Failure extends RuntimeException {
  public Failure(String message) {
    super(message);
  }
}
