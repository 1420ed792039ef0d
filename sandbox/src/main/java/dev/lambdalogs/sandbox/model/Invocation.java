package dev.lambdalogs.sandbox.model;

/** One invocation, as the function's handler sees it. */
public interface Invocation {
  String requestId();

  /** One line on the function's stdout. */
  void log(String message);

  /** One line at a level; with the JSON log format it becomes the record's "level". */
  void log(String level, String message);
}
