package dev.lambdalogs.sandbox.model;

import java.util.Map;

/** The function the environment is for: what Lambda would read from its configuration. */
public record LambdaFunction(
    String name,
    Map<String, String> environment,
    LogFormat logFormat,
    int memoryMb,
    String region,
    Mode mode) {
  public LambdaFunction(String name, Map<String, String> environment) {
    this(name, environment, LogFormat.TEXT, 128, "us-east-1", Mode.ON_DEMAND);
  }

  /** A Managed Instances function: JSON logs only, 2 GB at least. */
  public static LambdaFunction managedInstances(String name, Map<String, String> environment) {
    return new LambdaFunction(
        name, environment, LogFormat.JSON, 2048, "us-east-1", Mode.MANAGED_INSTANCES);
  }

  /** True when invocations run at once (Managed Instances): no INVOKE events, never frozen. */
  public boolean concurrent() {
    return mode == Mode.MANAGED_INSTANCES;
  }
}
