package dev.lambdalogs.sandbox.model;

/**
 * How Lambda runs the function. {@code MANAGED_INSTANCES}: invocations run at once and the
 * environment is never frozen; extensions may register for SHUTDOWN only and subscribe with schema
 * 2025-01-29; there is no {@code platform.runtimeDone}, and {@code platform.report} carries only
 * its duration.
 */
public enum Mode {
  ON_DEMAND("on-demand"),
  MANAGED_INSTANCES("lambda-managed-instances"),
  /**
   * A copy restored from a snapshot taken after init, some hours before its first invocation:
   * nothing is delivered before the restore; then the init's events, with the snapshot's times,
   * then {@code platform.restoreStart}, {@code restoreRuntimeDone} and {@code restoreReport}.
   */
  SNAP_START("snap-start");

  private final String initializationType;

  Mode(String initializationType) {
    this.initializationType = initializationType;
  }

  /**
   * {@code AWS_LAMBDA_INITIALIZATION_TYPE}, and the platform events' {@code initializationType}.
   */
  public String initializationType() {
    return initializationType;
  }
}
