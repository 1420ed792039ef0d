package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.cli.util.Parallel;
import dev.lambdalogs.contract.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whether a function has the extension working: this CLI's layer, its variables, a grant to write
 * where they say, and a bucket of the account's there. What is wrong is listed, so a CI gate can
 * say why.
 */
public final class Status {
  /**
   * One function's state.
   *
   * @param applicable false for a function that cannot take the layer (a container image, a refused
   *     runtime), with the reason in {@code note}: not drift, since install skips or refuses it
   * @param problems what keeps the extension from writing this function's logs; empty when it works
   * @param note what else to know: why it is not applicable, or that it runs on Managed Instances
   */
  public record Row(
      String function,
      String region,
      String runtime,
      String architecture,
      boolean applicable,
      boolean installed,
      String layer,
      boolean upToDate,
      String destination,
      List<String> problems,
      String note) {

    /** A function that could not be read: named, with why. */
    public static Row unreadable(String function, String why) {
      return new Row(
          function, null, null, null, true, false, null, false, null, List.of(why), null);
    }

    /** Drift: a function that should have the extension working and has not. */
    public boolean drifted() {
      return applicable && !problems.isEmpty();
    }
  }

  private final Layers layers;
  private final Grants grants;
  private final Buckets buckets;
  private final Map<String, Optional<String>> bucketProblems = new ConcurrentHashMap<>();

  public Status(Aws aws) {
    this.layers = new Layers(aws);
    this.grants = new Grants(aws);
    this.buckets = new Buckets(aws);
  }

  public Row of(Target t) {
    if (t.isImage()) {
      return notApplicable(
          t,
          "container image: layers do not apply (put the extension in the image's /opt/extensions)");
    }
    Layers.Choice choice = Layers.choose(t.runtime(), t.architecture());
    if (choice.refusal() != null) {
      return notApplicable(t, choice.refusal());
    }
    Optional<String> ours = t.layers().stream().filter(Layers::isOurs).findFirst();
    if (ours.isEmpty()) {
      return new Row(
          t.name(),
          t.region(),
          t.runtime(),
          t.architecture(),
          true,
          false,
          null,
          false,
          null,
          List.of("not installed"),
          t.managedInstancesNote());
    }
    String layer = ours.get();
    String bucket = t.environment().get(Settings.BUCKET);
    String prefix = Settings.prefixOf(t.environment());
    String destination = bucket == null ? null : "s3://" + bucket + "/" + prefix + t.name() + "/";
    // Lambda, IAM and S3 are asked at once: one round trip's wait instead of four
    Supplier<Optional<String>> grant =
        bucket == null
            ? Optional::empty
            : Parallel.start(() -> grantProblem(t, bucket, prefix, destination));
    Supplier<Optional<String>> bucketProblem =
        bucket == null
            ? Optional::empty
            : Parallel.start(
                () ->
                    bucketProblems.computeIfAbsent(
                        bucket + "@" + t.region(),
                        k -> Optional.ofNullable(buckets.problem(bucket, t.region()))));
    boolean upToDate = layers.isThisCli(layer, t.region());
    List<String> problems = new ArrayList<>();
    if (!upToDate) {
      problems.add("outdated: " + Layers.shortName(layer) + " is not this CLI's extension");
    }
    if (bucket == null) {
      problems.add("LAMBDALOGS_BUCKET is not set");
    }
    grant.get().ifPresent(problems::add);
    bucketProblem.get().ifPresent(problems::add);
    return new Row(
        t.name(),
        t.region(),
        t.runtime(),
        t.architecture(),
        true,
        true,
        Layers.shortName(layer),
        upToDate,
        destination,
        problems,
        t.managedInstancesNote());
  }

  /** Why the function may not write where its variables say, if it may not. */
  private Optional<String> grantProblem(
      Target t, String bucket, String prefix, String destination) {
    String wanted = Grants.writeResource(t, bucket, prefix);
    List<Object> granted =
        grants.current(t).stream()
            .filter(
                s ->
                    "Allow".equals(s.get("Effect"))
                        && String.valueOf(s.get("Action")).contains("s3:PutObject"))
            .map(s -> s.get("Resource"))
            .toList();
    if (granted.contains(wanted)) {
      return Optional.empty();
    }
    String policy = Grants.policyName(t) + " on role " + t.roleName();
    return Optional.of(
        granted.isEmpty()
            ? "no grant to write " + destination + " (" + policy + " is missing)"
            : "its grant ("
                + policy
                + ") is for "
                + granted
                + ", but its logs go to "
                + destination);
  }

  private static Row notApplicable(Target t, String why) {
    return new Row(
        t.name(),
        t.region(),
        t.isImage() ? "image" : t.runtime(),
        t.architecture(),
        false,
        false,
        null,
        false,
        null,
        List.of(),
        why);
  }

  /**
   * status's exit code: 4 when --check found drift, else 1 when a named function could not be read.
   */
  public static int exitCode(int drifted, int unreadable, boolean check) {
    return check && drifted > 0 ? ExitException.DRIFT : unreadable > 0 ? ExitException.FAILED : 0;
  }
}
