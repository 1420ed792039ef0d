package dev.lambdalogs.extension.config;

/**
 * How Lambda runs the function, from {@code AWS_LAMBDA_INITIALIZATION_TYPE}, and what that asks of
 * the extension. The rest of its life is the same in both: the shipper writes on its own timer, and
 * shutdown writes what is left.
 */
public enum Mode {
  /** On-demand, provisioned: one invocation at a time, frozen between invocations. */
  CLASSIC("[\"INVOKE\",\"SHUTDOWN\"]", "2022-12-13", false, false),
  /**
   * SnapStart: as classic, but the environment is a copy restored from a snapshot taken after init,
   * perhaps days later and many times over; the init's events arrive after the restore with the
   * snapshot's times.
   */
  SNAP_START("[\"INVOKE\",\"SHUTDOWN\"]", "2022-12-13", false, true),
  /**
   * Managed Instances: many invocations at once, never frozen. Registering for INVOKE is refused
   * there, and the Telemetry API takes schema 2025-01-29 only.
   */
  MANAGED_INSTANCES("[\"SHUTDOWN\"]", "2025-01-29", true, false);

  /** The events to register for, as the Extensions API's JSON array. */
  public final String events;

  /** The Telemetry API's {@code schemaVersion} to subscribe with. */
  public final String telemetrySchema;

  /**
   * Invocations overlap: a line that does not name its request cannot be given one by its position
   * between a {@code platform.start} and its {@code platform.report}.
   */
  public final boolean concurrent;

  /**
   * Runs as a copy of a snapshot: nothing is written before the restore, and the environment id and
   * the keys' times are chosen after it, so that no two copies write the same key.
   */
  public final boolean restoredFromSnapshot;

  Mode(String events, String telemetrySchema, boolean concurrent, boolean restoredFromSnapshot) {
    this.events = events;
    this.telemetrySchema = telemetrySchema;
    this.concurrent = concurrent;
    this.restoredFromSnapshot = restoredFromSnapshot;
  }

  public static Mode of(String initializationType) {
    if ("lambda-managed-instances".equals(initializationType)) {
      return MANAGED_INSTANCES;
    }
    return "snap-start".equals(initializationType) ? SNAP_START : CLASSIC;
  }
}
