package dev.lambdalogs.extension.config;

/**
 * How Lambda runs the function, from {@code AWS_LAMBDA_INITIALIZATION_TYPE}, and what that asks of the
 * extension. The rest of its life is the same in both: the shipper writes on its own timer, and shutdown
 * writes what is left.
 */
public enum Mode {
  /** On-demand, provisioned, SnapStart: one invocation at a time, frozen between invocations. */
  CLASSIC("[\"INVOKE\",\"SHUTDOWN\"]", "2022-12-13", false),
  /**
   * Managed Instances: many invocations at once, never frozen. Registering for INVOKE is refused there,
   * and the Telemetry API takes schema 2025-01-29 only.
   */
  MANAGED_INSTANCES("[\"SHUTDOWN\"]", "2025-01-29", true);

  /** The events to register for, as the Extensions API's JSON array. */
  public final String events;
  /** The Telemetry API's {@code schemaVersion} to subscribe with. */
  public final String telemetrySchema;
  /**
   * Invocations overlap: a line that does not name its request cannot be given one by its position
   * between a {@code platform.start} and its {@code platform.report}.
   */
  public final boolean concurrent;

  Mode(String events, String telemetrySchema, boolean concurrent) {
    this.events = events;
    this.telemetrySchema = telemetrySchema;
    this.concurrent = concurrent;
  }

  public static Mode of(String initializationType) {
    return "lambda-managed-instances".equals(initializationType) ? MANAGED_INSTANCES : CLASSIC;
  }
}
