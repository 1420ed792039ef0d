package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.failure.ExitException;
import dev.lambdalogs.cli.failure.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.Layer;

/** Finds the functions a selection names, reading each one's configuration. */
public final class Functions {
  private final Aws aws;

  public Functions(Aws aws) {
    this.aws = aws;
  }

  /** What a selection found, and the names it could not find, each with the reason. */
  public record Found(List<Target> targets, Map<String, String> missing) {
    /** This, when the selection matched something; else the end of the command, saying so. */
    public Found requireSome(String region) {
      if (targets.isEmpty() && missing.isEmpty()) {
        throw new ExitException(ExitException.FAILED, nothingMatches(region));
      }
      return this;
    }
  }

  public Found find(Selection selection) {
    String region = aws.region();
    Map<String, Target> targets = new LinkedHashMap<>();
    Map<String, String> missing = new LinkedHashMap<>();
    for (String function : selection.functions()) {
      String name = nameOf(function);
      if (selection.excluded(name)) {
        continue;
      }
      try {
        Target target = get(regionOf(function, region), function);
        targets.put(target.arn(), target);
      } catch (Failure e) {
        missing.put(function, e.getMessage());
      }
    }
    if (selection.regex() != null || !selection.tags().isEmpty() || selection.isEmpty()) {
      for (Target target : list(region, selection)) {
        targets.putIfAbsent(target.arn(), target);
      }
    }
    return new Found(new ArrayList<>(targets.values()), missing);
  }

  /** What a selection that found nothing says. */
  public static String nothingMatches(String region) {
    return "no function matches the selection in " + region;
  }

  /** A function's configuration now, by name or ARN. */
  public Target get(String region, String nameOrArn) {
    FunctionConfiguration c =
        Errors.call(
            "lambda:GetFunction",
            "function " + nameOrArn,
            () -> aws.lambda(region).getFunction(b -> b.functionName(nameOrArn)).configuration());
    return of(region, c);
  }

  /**
   * Reads the function until no update is in progress (Lambda refuses a second one meanwhile), for
   * up to five minutes, and returns it as it then stands.
   */
  public Target awaitSettled(Target target) {
    long until = System.currentTimeMillis() + 300_000;
    long pause = 250;
    while (true) {
      Target now = get(target.region(), target.arn());
      if (!"InProgress".equals(now.lastUpdateStatus()) || System.currentTimeMillis() > until) {
        return now;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return now;
      }
      pause = Math.min(pause * 2, 5_000);
    }
  }

  private static Target of(String region, FunctionConfiguration c) {
    return new Target(
        c.functionName(),
        c.functionArn(),
        region,
        c.runtimeAsString(),
        architecture(c.architecturesAsStrings()),
        c.packageTypeAsString(),
        c.role(),
        layers(c.layers()),
        environment(c.environment() == null ? null : c.environment().variables()),
        logGroup(c.functionName(), c.loggingConfig() == null ? null : c.loggingConfig().logGroup()),
        c.revisionId(),
        c.lastUpdateStatusAsString(),
        capacityProvider(c));
  }

  private static String capacityProvider(FunctionConfiguration c) {
    return c.capacityProviderConfig() == null
            || c.capacityProviderConfig().lambdaManagedInstancesCapacityProviderConfig() == null
        ? null
        : c.capacityProviderConfig()
            .lambdaManagedInstancesCapacityProviderConfig()
            .capacityProviderArn();
  }

  private List<Target> list(String region, Selection selection) {
    LambdaClient lambda = aws.lambda(region);
    List<Target> found = new ArrayList<>();
    // pages are fetched while iterating: the whole iteration is the call whose errors are explained
    List<FunctionConfiguration> all =
        Errors.call(
            "lambda:ListFunctions",
            "the functions of " + region,
            () -> lambda.listFunctionsPaginator(b -> b.maxItems(50)).functions().stream().toList());
    for (FunctionConfiguration c : all) {
      Map<String, String> tags =
          selection.tags().isEmpty()
              ? Map.of()
              : Errors.call(
                  "lambda:ListTags",
                  "function " + c.functionName(),
                  () -> lambda.listTags(b -> b.resource(c.functionArn())).tags());
      if (selection.matches(c.functionName(), tags)) {
        found.add(of(region, c));
      }
    }
    return found;
  }

  static String architecture(List<String> architectures) {
    return architectures == null || architectures.isEmpty() ? "x86_64" : architectures.get(0);
  }

  static List<String> layers(List<Layer> layers) {
    return layers == null ? List.of() : layers.stream().map(Layer::arn).toList();
  }

  static Map<String, String> environment(Map<String, String> variables) {
    return variables == null ? Map.of() : new LinkedHashMap<>(variables);
  }

  static String logGroup(String name, String configured) {
    return configured != null ? configured : "/aws/lambda/" + name;
  }

  /** arn:aws:lambda:REGION:ACCOUNT:function:NAME: the ARN's region wins over the command's. */
  static String regionOf(String function, String fallback) {
    String[] parts = function.split(":");
    return function.startsWith("arn:") && parts.length >= 7 ? parts[3] : fallback;
  }

  static String nameOf(String function) {
    String[] parts = function.split(":");
    return function.startsWith("arn:") && parts.length >= 7 ? parts[6] : function;
  }
}
