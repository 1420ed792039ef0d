package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.failure.Failure;
import dev.lambdalogs.contract.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The grant: an inline policy of each function's own on its execution role, named for the function
 * ("lambdalogs-REGION-NAME"), with s3:PutObject on its own key prefix only and, with
 * --disable-cloudwatch, a Deny of log writes to its own log group. One policy per function, written
 * whole: two pipelines installing functions that share a role at once each write their own policies
 * and cannot lose each other's statements (one shared policy, read and written back, lost them).
 */
public final class Grants {
  static final String PREFIX = "lambdalogs-";

  /**
   * IAM's limit on the inline policies of one role, together, in characters without white space.
   */
  static final int ROLE_BUDGET = 10_240;

  private final Aws aws;
  private final Map<String, Set<String>> policiesOfRole = new ConcurrentHashMap<>();

  public Grants(Aws aws) {
    this.aws = aws;
  }

  /**
   * The name of a function's policy: unique per function in the account, whatever role it shares.
   */
  public static String policyName(Target target) {
    return PREFIX + target.region() + "-" + target.name();
  }

  /** The statements a function needs. */
  public static List<Map<String, Object>> statements(
      Target target, String bucket, String prefix, boolean disableCloudWatch) {
    List<Map<String, Object>> statements = new ArrayList<>();
    statements.add(
        statement(
            "LambdalogsWrite",
            "Allow",
            List.of("s3:PutObject"),
            writeResource(target, bucket, prefix)));
    if (disableCloudWatch) {
      String account = target.arn().split(":")[4];
      statements.add(
          statement(
              "LambdalogsNoCloudWatch",
              "Deny",
              List.of("logs:CreateLogStream", "logs:PutLogEvents"),
              "arn:aws:logs:"
                  + target.region()
                  + ":"
                  + account
                  + ":log-group:"
                  + target.logGroup()
                  + ":*"));
    }
    return statements;
  }

  /** What a function may write to: its own folder of the archive. */
  public static String writeResource(Target target, String bucket, String prefix) {
    return "arn:aws:s3:::" + bucket + "/" + prefix + target.name() + "/*";
  }

  /**
   * The function's statements as they stand now (its role's policy names are listed once per run).
   */
  public List<Map<String, Object>> current(Target target) {
    String name = policyName(target);
    if (!policiesOfRole.computeIfAbsent(target.roleName(), this::list).contains(name)) {
      return List.of();
    }
    return read(target.roleName(), name);
  }

  /** Sets a function's statements, whole, in its own policy; none removes the policy. */
  public void replace(Target target, List<Map<String, Object>> statements) {
    String role = target.roleName();
    String name = policyName(target);
    if (statements.isEmpty()) {
      Errors.run(
          "iam:DeleteRolePolicy",
          "role " + role,
          () -> {
            try {
              aws.iam().deleteRolePolicy(b -> b.roleName(role).policyName(name));
            } catch (NoSuchEntityException e) {
              // nothing to delete
            }
          });
      return;
    }
    String document = Json.write(Map.of("Version", "2012-10-17", "Statement", statements));
    try {
      Errors.run(
          "iam:PutRolePolicy",
          "role " + role,
          () ->
              aws.iam()
                  .putRolePolicy(b -> b.roleName(role).policyName(name).policyDocument(document)));
    } catch (Failure e) {
      if (e.getMessage().contains("LimitExceeded")) {
        throw new Failure(
            "role "
                + role
                + " has no room for "
                + target.name()
                + "'s grant: IAM allows "
                + ROLE_BUDGET
                + " characters of inline policies per role, and this role's functions use them up. "
                + "Give some of its functions a role of their own, or move its other inline policies to managed ones ("
                + e.getMessage()
                + ")");
      }
      throw e;
    }
  }

  private Set<String> list(String role) {
    return Errors.call(
        "iam:ListRolePolicies",
        "role " + role,
        () ->
            Set.copyOf(
                aws.iam().listRolePoliciesPaginator(b -> b.roleName(role)).policyNames().stream()
                    .toList()));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> read(String role, String name) {
    String document =
        Errors.call(
            "iam:GetRolePolicy",
            "role " + role,
            () -> {
              try {
                return aws.iam()
                    .getRolePolicy(b -> b.roleName(role).policyName(name))
                    .policyDocument();
              } catch (NoSuchEntityException e) {
                return null;
              }
            });
    if (document == null) {
      return List.of();
    }
    // IAM returns the document URL-encoded
    String json =
        document.startsWith("%7B") || document.startsWith("%7b")
            ? URLDecoder.decode(document, StandardCharsets.UTF_8)
            : document;
    Object statements = ((Map<String, Object>) Json.parse(json)).get("Statement");
    if (statements instanceof Map<?, ?> single) {
      return List.of((Map<String, Object>) single);
    }
    return statements == null ? List.of() : (List<Map<String, Object>>) statements;
  }

  private static Map<String, Object> statement(
      String sid, String effect, List<String> actions, String resource) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Sid", sid);
    statement.put("Effect", effect);
    statement.put("Action", actions);
    statement.put("Resource", resource);
    return statement;
  }
}
