package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.util.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The grant: an inline policy named "lambdalogs" on each function's execution role, with one statement
 * per function (s3:PutObject on its own key prefix only) and, with --disable-cloudwatch, a Deny of log
 * writes to its own log group. A role shared by several functions holds each one's statements; removing
 * one function removes only its own, and the policy goes when it is empty.
 */
public final class Grants {
  static final String POLICY = "lambdalogs";

  private final Aws aws;
  private final Map<String, List<Map<String, Object>>> readOnce = new ConcurrentHashMap<>();

  public Grants(Aws aws) {
    this.aws = aws;
  }

  /** The statements a function needs. */
  public List<Map<String, Object>> statements(Target target, String bucket, String prefix, boolean disableCloudWatch) {
    List<Map<String, Object>> statements = new ArrayList<>();
    statements.add(statement(sid("Write", target.name()), "Allow", List.of("s3:PutObject"),
        "arn:aws:s3:::" + bucket + "/" + prefix + target.name() + "/*"));
    if (disableCloudWatch) {
      String account = target.arn().split(":")[4];
      statements.add(statement(sid("NoCloudWatch", target.name()), "Deny",
          List.of("logs:CreateLogStream", "logs:PutLogEvents"),
          "arn:aws:logs:" + target.region() + ":" + account + ":log-group:" + target.logGroup() + ":*"));
    }
    return statements;
  }

  /** The function's statements as they stand in its role's policy (read once per role in a run). */
  public List<Map<String, Object>> current(Target target) {
    return ofFunction(readOnce.computeIfAbsent(target.roleName(), this::read), target.name());
  }

  /**
   * Sets each function's statements in its role's policy (an empty list removes them): one fresh read
   * and one write per role, however many of its functions change.
   */
  public void replace(String role, Map<String, List<Map<String, Object>>> byFunction) {
    List<Map<String, Object>> all = new ArrayList<>(read(role));
    all.removeIf(s -> byFunction.keySet().stream().anyMatch(f -> isOf(s, f)));
    byFunction.values().forEach(all::addAll);
    if (all.isEmpty()) {
      Errors.run("iam:DeleteRolePolicy", "role " + role, () -> {
        try {
          aws.iam().deleteRolePolicy(b -> b.roleName(role).policyName(POLICY));
        } catch (NoSuchEntityException e) {
          // nothing to delete
        }
      });
    } else {
      String document = Json.write(Map.of("Version", "2012-10-17", "Statement", all));
      Errors.run("iam:PutRolePolicy", "role " + role,
          () -> aws.iam().putRolePolicy(b -> b.roleName(role).policyName(POLICY).policyDocument(document)));
    }
    readOnce.put(role, all);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> read(String role) {
    String document = Errors.call("iam:GetRolePolicy", "role " + role, () -> {
      try {
        return aws.iam().getRolePolicy(b -> b.roleName(role).policyName(POLICY)).policyDocument();
      } catch (NoSuchEntityException e) {
        return null;
      }
    });
    if (document == null) {
      return List.of();
    }
    // IAM returns the document URL-encoded
    String json = document.startsWith("%7B") || document.startsWith("%7b")
        ? URLDecoder.decode(document, StandardCharsets.UTF_8) : document;
    Object statements = ((Map<String, Object>) Json.parse(json)).get("Statement");
    if (statements instanceof Map<?, ?> single) {
      return List.of((Map<String, Object>) single);
    }
    return statements == null ? List.of() : (List<Map<String, Object>>) statements;
  }

  private static List<Map<String, Object>> ofFunction(List<Map<String, Object>> statements, String function) {
    return statements.stream().filter(s -> isOf(s, function)).toList();
  }

  private static boolean isOf(Map<String, Object> statement, String function) {
    Object sid = statement.get("Sid");
    return sid instanceof String s && (s.equals(sid("Write", function)) || s.equals(sid("NoCloudWatch", function)));
  }

  /** Sids are alphanumeric: the name's letters and digits, and a hash of the whole name against collisions. */
  static String sid(String kind, String function) {
    return "Lambdalogs" + kind + function.replaceAll("[^A-Za-z0-9]", "")
        + Integer.toHexString(function.hashCode() & 0x7fffffff);
  }

  private static Map<String, Object> statement(String sid, String effect, List<String> actions, String resource) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Sid", sid);
    statement.put("Effect", effect);
    statement.put("Action", actions);
    statement.put("Resource", resource);
    return statement;
  }
}
