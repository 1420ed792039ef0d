package dev.lambdalogs.cli.service;

import java.util.List;
import java.util.Map;

/**
 * A function as install, uninstall and status see it: its configuration at one moment.
 *
 * @param revisionId passed back on update so that a concurrent deploy is never overwritten (null when the API has none)
 * @param logGroup its CloudWatch log group, from its LoggingConfig
 */
public record Target(String name, String arn, String region, String runtime, String architecture, String packageType,
    String role, List<String> layers, Map<String, String> environment, String logGroup, String revisionId,
    String lastUpdateStatus) {

  /** The role's name, from its ARN (the part after the last '/'). */
  public String roleName() {
    return role.substring(role.lastIndexOf('/') + 1);
  }

  public boolean isImage() {
    return "Image".equals(packageType);
  }
}
