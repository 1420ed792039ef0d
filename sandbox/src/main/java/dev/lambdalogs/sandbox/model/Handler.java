package dev.lambdalogs.sandbox.model;

/** The function's code: it logs through the invocation. */
public interface Handler {
  void handle(Invocation invocation) throws Exception;
}
