package dev.lambdalogs.cli.service;

import java.util.List;
import java.util.Map;

/**
 * A function as install, uninstall and status see it: its configuration at one moment.
 *
 * @param revisionId passed back on update so that a concurrent deploy is never overwritten (null
 *     when the API has none)
 * @param logGroup its CloudWatch log group, from its LoggingConfig
 * @param capacityProvider the Managed Instances capacity provider it runs on, or null
 */
public record Target(
    String name,
    String arn,
    String region,
    String runtime,
    String architecture,
    String packageType,
    String role,
    List<String> layers,
    Map<String, String> environment,
    String logGroup,
    String revisionId,
    String lastUpdateStatus,
    String capacityProvider) {

  /** The role's name, from its ARN (the part after the last '/'). */
  public String roleName() {
    return role.substring(role.lastIndexOf('/') + 1);
  }

  /** On Managed Instances: many invocations at once in one environment, published versions only. */
  public boolean isManagedInstances() {
    return capacityProvider != null;
  }

  /** What to know about running on Managed Instances, or null. */
  public String managedInstancesNote() {
    return isManagedInstances()
        ? "Managed Instances ("
            + capacityProvider.substring(capacityProvider.lastIndexOf(':') + 1)
            + "): invocations run published versions; the extension runs from the next one (aws lambda publish-version)"
        : null;
  }

  public boolean isImage() {
    return "Image".equals(packageType);
  }
}
