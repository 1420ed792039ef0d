package dev.lambdalogs.cli.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

/**
 * Puts the extension on one function, or takes it off: plans the function's layers, variables and
 * grant, and applies the plan with the function's RevisionId, so a concurrent deploy is never
 * overwritten (on conflict it reads the function again, plans again and retries).
 */
public final class Installer {
  /** What install writes into the function's environment. */
  public record Settings(String bucket, String prefix, String types, Integer flushIntervalS, boolean disableCloudWatch) {}

  public enum Outcome { INSTALLED, UPDATED, UP_TO_DATE, REMOVED, NOT_INSTALLED, PLANNED, SKIPPED, FAILED }

  /** A function's layers and variables. */
  public record State(List<String> layers, Map<String, String> environment) {}

  /** What happened to one function, with its state before and after. */
  public record Result(String function, String region, Outcome outcome, String detail, State before, State after,
      List<Map<String, Object>> statements, List<String> warnings) {
    static Result of(Target t, Outcome outcome, String detail) {
      return new Result(t == null ? null : t.name(), t == null ? null : t.region(), outcome, detail,
          t == null ? null : new State(t.layers(), t.environment()), null, List.of(), List.of());
    }
  }

  static final int MAX_LAYERS = 5;
  private static final int CONFLICT_RETRIES = 3;
  private static final Pattern OTHER_SHIPPERS = Pattern.compile(
      "(?i):layer:[^:]*(datadog|newrelic|new-relic|lumigo|dynatrace|sumo|coralogix|logzio|honeycomb|splunk|elastic|"
          + "observe|axiom|baselime|logtail|betterstack)[^:]*:");

  private final Aws aws;
  private final Functions functions;
  private final Layers layers;
  private final Grants grants;

  public Installer(Aws aws, Functions functions, Layers layers, Grants grants) {
    this.aws = aws;
    this.functions = functions;
    this.layers = layers;
    this.grants = grants;
  }

  public Result install(Target target, Settings settings, boolean dryRun) {
    if (target.isImage()) {
      return Result.of(target, Outcome.SKIPPED, "container image: layers do not apply to it "
          + "(add the extension to the image's /opt/extensions instead)");
    }
    for (int attempt = 1; ; attempt++) {
      Layers.Choice choice = Layers.choose(target.runtime(), target.architecture());
      if (choice.refusal() != null) {
        return Result.of(target, Outcome.FAILED, choice.refusal());
      }
      Layers.Version version = layers.ensure(choice.variant(), target.region(), dryRun);
      List<String> layersAfter = withOurLayer(target.layers(), version.arn());
      if (layersAfter.size() > MAX_LAYERS) {
        return Result.of(target, Outcome.FAILED, "it has " + target.layers().size() + " layers already, and Lambda "
            + "allows " + MAX_LAYERS + ": remove one, or merge two into one");
      }
      Map<String, String> envAfter = withSettings(target.environment(), settings);
      List<Map<String, Object>> statements = grants.statements(target, settings.bucket(), settings.prefix(),
          settings.disableCloudWatch());
      State after = new State(layersAfter, envAfter);
      List<String> warnings = warnings(target);
      boolean installedBefore = target.layers().stream().anyMatch(Layers::isOurs);
      if (layersAfter.equals(target.layers()) && envAfter.equals(target.environment())
          && grants.current(target).equals(statements)) {
        return result(target, Outcome.UP_TO_DATE, "up to date (" + Layers.shortName(version.arn()) + ")", after,
            statements, warnings);
      }
      if (dryRun) {
        return result(target, Outcome.PLANNED, (installedBefore ? "would update to " : "would install ")
            + Layers.shortName(version.arn()), after, statements, warnings);
      }
      try {
        grants.put(target, statements); // first, so the extension may write as soon as it runs
        apply(target, after);
        return result(target, installedBefore ? Outcome.UPDATED : Outcome.INSTALLED,
            Layers.shortName(version.arn()) + ", s3://" + settings.bucket() + "/" + settings.prefix() + target.name()
                + "/", after, statements, warnings);
      } catch (ConcurrentChange e) {
        if (attempt == CONFLICT_RETRIES) {
          return Result.of(target, Outcome.FAILED, "it kept changing under us (" + attempt
              + " tries): another deploy is running; try again when it is done");
        }
        target = functions.get(target.region(), target.arn());
      }
    }
  }

  public Result uninstall(Target target, boolean dryRun) {
    if (target.isImage()) {
      return Result.of(target, Outcome.SKIPPED, "container image: layers do not apply to it");
    }
    for (int attempt = 1; ; attempt++) {
      List<String> layersAfter = target.layers().stream().filter(l -> !Layers.isOurs(l)).toList();
      Map<String, String> envAfter = new LinkedHashMap<>(target.environment());
      envAfter.keySet().removeIf(k -> k.startsWith("LAMBDALOGS_"));
      boolean granted = !grants.current(target).isEmpty();
      State after = new State(layersAfter, envAfter);
      if (layersAfter.equals(target.layers()) && envAfter.equals(target.environment()) && !granted) {
        return result(target, Outcome.NOT_INSTALLED, "not installed: nothing to do", after, List.of(), List.of());
      }
      if (dryRun) {
        return result(target, Outcome.PLANNED, "would remove the extension", after, List.of(), List.of());
      }
      try {
        if (!layersAfter.equals(target.layers()) || !envAfter.equals(target.environment())) {
          apply(target, after);
        }
        grants.put(target, List.of());
        return result(target, Outcome.REMOVED, "removed (bucket and logs kept)", after, List.of(), List.of());
      } catch (ConcurrentChange e) {
        if (attempt == CONFLICT_RETRIES) {
          return Result.of(target, Outcome.FAILED, "it kept changing under us: try again when the other deploy is done");
        }
        target = functions.get(target.region(), target.arn());
      }
    }
  }

  /** Our layer in place of an older one of ours, keeping the others and their order; else last. */
  static List<String> withOurLayer(List<String> current, String ours) {
    List<String> after = new ArrayList<>();
    boolean placed = false;
    for (String layer : current) {
      if (Layers.isOurs(layer)) {
        if (!placed) {
          after.add(ours);
          placed = true;
        }
      } else {
        after.add(layer);
      }
    }
    if (!placed) {
      after.add(ours);
    }
    return after;
  }

  static Map<String, String> withSettings(Map<String, String> current, Settings settings) {
    Map<String, String> env = new LinkedHashMap<>(current);
    env.put("LAMBDALOGS_BUCKET", settings.bucket());
    env.put("LAMBDALOGS_PREFIX", settings.prefix());
    putOrRemove(env, "LAMBDALOGS_TYPES", settings.types());
    putOrRemove(env, "LAMBDALOGS_FLUSH_INTERVAL_S", settings.flushIntervalS() == null ? null : settings.flushIntervalS().toString());
    return env;
  }

  private static void putOrRemove(Map<String, String> env, String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
  }

  private static List<String> warnings(Target target) {
    return target.layers().stream().filter(l -> OTHER_SHIPPERS.matcher(l).find())
        .map(l -> "another log-shipping extension is attached (" + l + "): both will ship the same logs").toList();
  }

  private static Result result(Target t, Outcome outcome, String detail, State after, List<Map<String, Object>> statements,
      List<String> warnings) {
    return new Result(t.name(), t.region(), outcome, detail, new State(t.layers(), t.environment()), after, statements,
        warnings);
  }

  /** The function changed since it was read: read it again and plan again. */
  private static final class ConcurrentChange extends RuntimeException {
    ConcurrentChange() {
      super(null, null, false, false);
    }
  }

  /** Waits out an update in progress, updates with the RevisionId read, and waits for the update to finish. */
  private void apply(Target target, State after) {
    if (!java.util.Objects.equals(target.revisionId(), functions.awaitSettled(target).revisionId())) {
      throw new ConcurrentChange(); // it changed while we planned
    }
    Errors.run("lambda:UpdateFunctionConfiguration", "function " + target.name(), () -> {
      try {
        aws.lambda(target.region()).updateFunctionConfiguration(b -> b.functionName(target.arn())
            .revisionId(target.revisionId())
            .layers(after.layers())
            .environment(e -> e.variables(after.environment())));
      } catch (PreconditionFailedException | ResourceConflictException e) {
        throw new ConcurrentChange();
      }
    });
    Target updated = functions.awaitSettled(target);
    if ("Failed".equals(updated.lastUpdateStatus())) {
      throw new Errors.Failure("Lambda reports the update of " + target.name() + " failed: check the function's "
          + "LastUpdateStatusReason (aws lambda get-function-configuration --function-name " + target.name() + ")");
    }
  }
}
