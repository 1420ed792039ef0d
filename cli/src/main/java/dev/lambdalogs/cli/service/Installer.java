package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.failure.Failure;
import dev.lambdalogs.cli.util.Parallel;
import dev.lambdalogs.contract.settings.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/**
 * Puts the extension on functions, or takes it off. First a plan, which only reads: each function's
 * layers, variables and grant, the bucket, the layer versions to publish. {@code --dry-run} prints
 * it; applying it creates the bucket, publishes the layers, writes the grants (each function's own
 * policy, whole), then updates each function with its RevisionId, so that a concurrent deploy is
 * never overwritten: on conflict the function is read and planned again, and the update retried.
 */
public final class Installer {
  /** What install writes into the function's environment. */
  public record Choices(
      String bucket,
      String prefix,
      String types,
      Integer flushIntervalS,
      boolean disableCloudWatch) {}

  public enum Outcome {
    INSTALLED,
    UPDATED,
    UP_TO_DATE,
    REMOVED,
    NOT_INSTALLED,
    PLANNED,
    SKIPPED,
    FAILED
  }

  /** A function's layers and variables. */
  public record State(List<String> layers, Map<String, String> environment) {}

  /** What happened (or would happen) to one function, with its state before and after. */
  public record Result(
      String function,
      String region,
      Outcome outcome,
      String detail,
      State before,
      State after,
      List<Map<String, Object>> statements,
      List<String> warnings) {
    public static Result failed(String function, String region, String why) {
      return new Result(function, region, Outcome.FAILED, why, null, null, List.of(), List.of());
    }
  }

  /**
   * One function's plan: a final result already (up to date, skipped, refused, dry run), or a
   * change to apply ({@code apply} non-null) whose result is {@code result} once it is done.
   */
  public record Plan(Target target, Result result, State apply, boolean grantChanges) {
    /** A function that fails alone: no change to apply, its reason as its result. */
    static Plan failed(Target target, String why) {
      return new Plan(target, Result.failed(target.name(), target.region(), why), null, false);
    }

    /**
     * The plan with a layer version named in place of its placeholder, once that version is
     * published.
     */
    Plan published(String placeholder, String arn) {
      UnaryOperator<State> swap =
          state ->
              state == null
                  ? null
                  : new State(
                      state.layers().stream().map(l -> l.equals(placeholder) ? arn : l).toList(),
                      state.environment());
      Result r = result;
      return new Plan(
          target,
          new Result(
              r.function(),
              r.region(),
              r.outcome(),
              r.detail().replace(placeholder, Layers.shortName(arn)),
              r.before(),
              swap.apply(r.after()),
              r.statements(),
              r.warnings()),
          swap.apply(apply),
          grantChanges);
    }
  }

  /**
   * Everything one install or uninstall would change, found without changing anything: what {@code
   * --dry-run} prints, and what {@link #apply} carries out.
   *
   * @param bucket the bucket's plan (install), or null (uninstall keeps the bucket)
   * @param choices what install sets on each function; null when the plan takes the extension off
   */
  public record FleetPlan(Buckets.Plan bucket, Choices choices, List<Plan> functions) {
    boolean removing() {
      return choices == null;
    }

    public List<Result> results() {
      return functions.stream().map(Plan::result).toList();
    }

    /** The layers whose new versions applying the plan publishes, by placeholder. */
    public Set<String> layersToPublish() {
      Set<String> placeholders = new TreeSet<>();
      // a dry run's plans apply nothing, but their results say what the layers would be
      functions.stream()
          .map(p -> p.result().after())
          .filter(Objects::nonNull)
          .flatMap(after -> after.layers().stream())
          .filter(l -> Layers.unpublishedVariant(l) != null)
          .forEach(placeholders::add);
      return placeholders;
    }
  }

  static final int MAX_LAYERS = 5;
  private static final int CONFLICT_RETRIES = 3;
  private static final Pattern OTHER_SHIPPERS =
      Pattern.compile(
          "(?i):layer:[^:]*(datadog|newrelic|new-relic|lumigo|dynatrace|sumo|coralogix|logzio|honeycomb|splunk|elastic|"
              + "observe|axiom|baselime|logtail|betterstack)[^:]*:");

  private final Aws aws;
  private final Functions functions;
  private final Layers layers;
  private final Grants grants;
  private final int parallel;
  private final Journal journal;

  public Installer(Aws aws, int parallel, Journal journal) {
    this.aws = aws;
    this.functions = new Functions(aws);
    this.layers = new Layers(aws);
    this.grants = new Grants(aws);
    this.parallel = parallel;
    this.journal = journal;
  }

  /** Plans putting the extension on the functions, writing to the bucket {@code bucket} plans. */
  public FleetPlan planInstall(
      List<Target> targets, Buckets.Plan bucket, Choices settings, boolean dryRun) {
    journal.step("planning " + count(targets.size(), "function"));
    Function<Target, Plan> planner = t -> planInstall(t, settings, dryRun);
    return new FleetPlan(
        bucket, settings, Parallel.map(targets, parallel, t -> guarded(t, planner)));
  }

  public FleetPlan planUninstall(List<Target> targets, boolean dryRun) {
    journal.step("planning " + count(targets.size(), "function"));
    Function<Target, Plan> planner = t -> planUninstall(t, dryRun);
    return new FleetPlan(null, null, Parallel.map(targets, parallel, t -> guarded(t, planner)));
  }

  /**
   * Carries the plan out, saying each change as it is made; a function's failure fails it alone.
   */
  public List<Result> apply(FleetPlan plan, Consumer<Result> progress) {
    if (plan.removing()) {
      Function<Target, Plan> planner = t -> planUninstall(t, false);
      updating(plan.functions());
      List<Plan> applied =
          Parallel.map(
              plan.functions(),
              parallel,
              p -> {
                Result result = apply(p, planner);
                return new Plan(
                    p.target(),
                    result,
                    null,
                    p.grantChanges() && result.outcome() != Outcome.FAILED);
              });
      return writeGrants(applied).stream().map(p -> report(progress, p.result())).toList();
    }
    Function<Target, Plan> planner = t -> planInstall(t, plan.choices(), false);
    applyBucket(plan.bucket());
    List<Plan> functionsPlans = publishLayers(plan);
    List<Plan> granted =
        writeGrants(functionsPlans); // first, so the extension may write as soon as it runs
    updating(functionsPlans);
    return Parallel.map(granted, parallel, p -> report(progress, apply(p, planner)));
  }

  private void applyBucket(Buckets.Plan bucket) {
    if (bucket != null && (bucket.create() || bucket.setRetention())) {
      journal.step(
          (bucket.create() ? "creating" : "setting the expiry of") + " s3://" + bucket.bucket());
      new Buckets(aws).apply(bucket);
      journal.changed(
          (bucket.create() ? "created" : "set the expiry of") + " s3://" + bucket.bucket());
    }
  }

  /**
   * Publishes each new layer version the plan needs, once per region, then names it in the plans
   * that need it; a function whose version could not be published fails alone.
   */
  private List<Plan> publishLayers(FleetPlan plan) {
    Map<String, String> arns = new HashMap<>();
    Map<String, String> failures = new HashMap<>();
    for (Plan p : plan.functions()) {
      String region = p.target().region();
      for (String placeholder : p.apply() == null ? List.<String>of() : p.apply().layers()) {
        Layers.Variant variant = Layers.unpublishedVariant(placeholder);
        String key = placeholder + "@" + region;
        if (variant == null || arns.containsKey(key) || failures.containsKey(key)) {
          continue;
        }
        try {
          journal.step("publishing " + variant.layerName + " in " + region);
          arns.put(key, layers.publish(variant, region));
          journal.changed("published " + Layers.shortName(arns.get(key)) + " in " + region);
        } catch (Failure e) {
          failures.put(key, e.getMessage());
        }
      }
    }
    return plan.functions().stream()
        .map(
            p -> {
              Plan named = p;
              for (String placeholder :
                  p.apply() == null ? List.<String>of() : p.apply().layers()) {
                String key = placeholder + "@" + p.target().region();
                if (failures.containsKey(key)) {
                  return Plan.failed(p.target(), failures.get(key));
                }
                if (arns.containsKey(key)) {
                  named = named.published(placeholder, arns.get(key));
                }
              }
              return named;
            })
        .toList();
  }

  private Plan planInstall(Target target, Choices settings, boolean dryRun) {
    if (target.isImage()) {
      return done(
          target,
          Outcome.SKIPPED,
          "container image: layers do not apply to it "
              + "(add the extension to the image's /opt/extensions instead)");
    }
    Layers.Choice choice = Layers.choose(target.runtime(), target.architecture());
    if (choice.refusal() != null) {
      return done(target, Outcome.FAILED, choice.refusal());
    }
    // IAM is asked while Lambda is: one round trip's wait instead of two
    Supplier<List<Map<String, Object>>> granted = Parallel.start(() -> grants.current(target));
    String layerArn =
        current(target, choice.variant())
            .or(() -> layers.find(choice.variant(), target.region()))
            .orElse(Layers.unpublished(choice.variant()));
    return decideInstall(target, settings, choice, layerArn, granted.get(), dryRun);
  }

  /**
   * The install plan of one function, from what was read of it: decisions only, no call.
   *
   * @param layerArn the version to attach: the function's own, one published before, or a
   *     placeholder
   * @param grantedNow the statements of its grant as IAM has them
   */
  static Plan decideInstall(
      Target target,
      Choices settings,
      Layers.Choice choice,
      String layerArn,
      List<Map<String, Object>> grantedNow,
      boolean dryRun) {
    List<String> layersAfter = withOurLayer(target.layers(), layerArn);
    if (layersAfter.size() > MAX_LAYERS) {
      return done(
          target,
          Outcome.FAILED,
          "it has "
              + target.layers().size()
              + " layers already, and Lambda allows "
              + MAX_LAYERS
              + ": remove one, or merge two into one");
    }
    State after = new State(layersAfter, withSettings(target.environment(), settings));
    List<Map<String, Object>> statements =
        Grants.statements(
            target, settings.bucket(), settings.prefix(), settings.disableCloudWatch());
    boolean grantChanges = !grantedNow.equals(statements);
    boolean configChanges = !after.equals(before(target));
    boolean installedBefore = target.layers().stream().anyMatch(Layers::isOurs);
    String layer = Layers.shortName(layerArn);
    Outcome outcome =
        !grantChanges && !configChanges
            ? Outcome.UP_TO_DATE
            : dryRun ? Outcome.PLANNED : installedBefore ? Outcome.UPDATED : Outcome.INSTALLED;
    String detail =
        switch (outcome) {
          case UP_TO_DATE -> "up to date (" + layer + ")";
          case PLANNED -> (installedBefore ? "would update to " : "would install ") + layer;
          default ->
              layer + ", s3://" + settings.bucket() + "/" + settings.prefix() + target.name() + "/";
        };
    Result result =
        new Result(
            target.name(),
            target.region(),
            outcome,
            detail,
            before(target),
            after,
            statements,
            warnings(target, choice.warning()));
    boolean apply = outcome == Outcome.INSTALLED || outcome == Outcome.UPDATED;
    return new Plan(target, result, apply && configChanges ? after : null, apply && grantChanges);
  }

  /**
   * The layer of ours the function has, when it holds this CLI's extension: kept as it is,
   * whichever version number it got (two pipelines installing at once may each publish the same
   * bytes).
   */
  private Optional<String> current(Target target, Layers.Variant variant) {
    return target.layers().stream()
        .filter(l -> Layers.isOurs(l) && Layers.variantOf(l) == variant)
        .filter(l -> layers.isThisCli(l, target.region()))
        .findFirst();
  }

  private Plan planUninstall(Target target, boolean dryRun) {
    return target.isImage()
        ? decideUninstall(target, List.of(), dryRun)
        : decideUninstall(target, grants.current(target), dryRun);
  }

  /** The uninstall plan of one function, from what was read of it: decisions only, no call. */
  static Plan decideUninstall(Target target, List<Map<String, Object>> grantedNow, boolean dryRun) {
    if (target.isImage()) {
      return done(target, Outcome.SKIPPED, "container image: layers do not apply to it");
    }
    Map<String, String> env = new LinkedHashMap<>(target.environment());
    env.keySet().removeIf(k -> k.startsWith(Settings.NAME_PREFIX));
    State after = new State(target.layers().stream().filter(l -> !Layers.isOurs(l)).toList(), env);
    boolean grantChanges = !grantedNow.isEmpty();
    boolean configChanges = !after.equals(before(target));
    Outcome outcome =
        !grantChanges && !configChanges
            ? Outcome.NOT_INSTALLED
            : dryRun ? Outcome.PLANNED : Outcome.REMOVED;
    String detail =
        switch (outcome) {
          case NOT_INSTALLED -> "not installed: nothing to do";
          case PLANNED -> "would remove the extension";
          default -> "removed (bucket and logs kept)";
        };
    Result result =
        new Result(
            target.name(),
            target.region(),
            outcome,
            detail,
            before(target),
            after,
            List.of(),
            List.of());
    boolean apply = outcome == Outcome.REMOVED;
    return new Plan(target, result, apply && configChanges ? after : null, apply && grantChanges);
  }

  /**
   * Writes each changed grant (its function's own policy), a bounded number at once; a failed write
   * fails its function.
   */
  private List<Plan> writeGrants(List<Plan> plans) {
    long writes = plans.stream().filter(Plan::grantChanges).count();
    if (writes > 0) {
      journal.step("writing " + count(writes, "grant"));
    }
    return Parallel.map(
        plans,
        parallel,
        p -> {
          if (!p.grantChanges()) {
            return p;
          }
          try {
            grants.replace(p.target(), p.result().statements());
            journal.changed(
                (p.result().statements().isEmpty() ? "removed the grant of " : "granted ")
                    + p.target().name());
            return p;
          } catch (Failure e) {
            return Plan.failed(p.target(), e.getMessage());
          }
        });
  }

  /** Applies a plan's configuration change, planning again when the function changed meanwhile. */
  private Result apply(Plan plan, Function<Target, Plan> planner) {
    for (int attempt = 1; plan.apply() != null; attempt++) {
      try {
        update(plan.target(), plan.apply());
        journal.changed("updated " + plan.target().name() + "'s layers and variables");
        return plan.result();
      } catch (ConcurrentChange e) {
        if (attempt == CONFLICT_RETRIES) {
          return Result.failed(
              plan.target().name(),
              plan.target().region(),
              "it kept changing under us ("
                  + attempt
                  + " tries): another deploy is running; try again when it is done");
        }
        plan = guarded(plan.target(), t -> planner.apply(functions.get(t.region(), t.arn())));
      } catch (Failure e) {
        return Result.failed(plan.target().name(), plan.target().region(), e.getMessage());
      }
    }
    return plan.result();
  }

  private Plan guarded(Target target, Function<Target, Plan> planner) {
    try {
      return planner.apply(target);
    } catch (Failure e) {
      return Plan.failed(target, e.getMessage());
    }
  }

  /**
   * One UpdateFunctionConfiguration with the RevisionId read; an update still in progress is waited
   * out first, and this one after, when Lambda says it is in progress.
   */
  private void update(Target target, State after) {
    if ("InProgress".equals(target.lastUpdateStatus())
        && !Objects.equals(target.revisionId(), functions.awaitSettled(target).revisionId())) {
      throw new ConcurrentChange();
    }
    UpdateFunctionConfigurationResponse updated =
        Errors.call(
            "lambda:UpdateFunctionConfiguration",
            "function " + target.name(),
            () -> {
              try {
                return aws.lambda(target.region())
                    .updateFunctionConfiguration(
                        b ->
                            b.functionName(target.arn())
                                .revisionId(target.revisionId())
                                .layers(after.layers())
                                .environment(e -> e.variables(after.environment())));
              } catch (PreconditionFailedException | ResourceConflictException e) {
                throw new ConcurrentChange();
              }
            });
    String status = updated.lastUpdateStatusAsString();
    if ("InProgress".equals(status)) {
      status = functions.awaitSettled(target).lastUpdateStatus();
    }
    if ("Failed".equals(status)) {
      throw new Failure(
          "Lambda reports the update of "
              + target.name()
              + " failed: see its "
              + "LastUpdateStatusReason (aws lambda get-function-configuration --function-name "
              + target.name()
              + ")");
    }
  }

  /** Our layer in place of an older one of ours, keeping the others and their order; else last. */
  static List<String> withOurLayer(List<String> current, String ours) {
    List<String> after = new ArrayList<>();
    boolean placed = false;
    for (String layer : current) {
      if (!Layers.isOurs(layer)) {
        after.add(layer);
      } else if (!placed) {
        after.add(ours);
        placed = true;
      }
    }
    if (!placed) {
      after.add(ours);
    }
    return after;
  }

  static Map<String, String> withSettings(Map<String, String> current, Choices settings) {
    Map<String, String> env = new LinkedHashMap<>(current);
    env.put(Settings.BUCKET, settings.bucket());
    env.put(Settings.PREFIX, settings.prefix());
    putOrRemove(env, Settings.TYPES, settings.types());
    putOrRemove(
        env,
        Settings.FLUSH_INTERVAL_S,
        settings.flushIntervalS() == null ? null : settings.flushIntervalS().toString());
    return env;
  }

  private static void putOrRemove(Map<String, String> env, String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
  }

  private static List<String> warnings(Target target, String runtimeWarning) {
    List<String> warnings =
        new ArrayList<>(
            target.layers().stream()
                .filter(l -> OTHER_SHIPPERS.matcher(l).find())
                .map(
                    l ->
                        "another log-shipping extension is attached ("
                            + l
                            + "): both will ship the same logs")
                .toList());
    if (runtimeWarning != null) {
      warnings.add(runtimeWarning);
    }
    if (target.isManagedInstances()) {
      warnings.add(target.managedInstancesNote());
    }
    return warnings;
  }

  private void updating(List<Plan> plans) {
    long updates = plans.stream().filter(p -> p.apply() != null).count();
    if (updates > 0) {
      journal.step("updating " + count(updates, "function"));
    }
  }

  private static String count(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static State before(Target t) {
    return new State(t.layers(), t.environment());
  }

  private static Plan done(Target t, Outcome outcome, String detail) {
    return new Plan(
        t,
        new Result(t.name(), t.region(), outcome, detail, before(t), null, List.of(), List.of()),
        null,
        false);
  }

  private static Result report(Consumer<Result> progress, Result result) {
    progress.accept(result);
    return result;
  }

  /** The function changed since it was read: read it again and plan again. */
  private static final class ConcurrentChange extends RuntimeException {
    ConcurrentChange() {
      super(null, null, false, false);
    }
  }
}
