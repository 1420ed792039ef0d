package dev.lambdalogs.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.cli.service.Installer.FleetPlan;
import dev.lambdalogs.cli.service.Installer.Outcome;
import dev.lambdalogs.cli.service.Installer.Plan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** install's and uninstall's planner: what it decides from what it read, with no AWS call. */
class InstallerTest {
  static final String OURS_OLD = "arn:aws:lambda:us-east-1:123456789012:layer:lambdalogs-jre:3";
  static final String OURS_NEW = "arn:aws:lambda:us-east-1:123456789012:layer:lambdalogs-jre:4";
  static final String OTHER = "arn:aws:lambda:us-east-1:123456789012:layer:shared-utils:7";
  static final Installer.Choices CHOICES =
      new Installer.Choices("team-logs", "lambda-logs/", null, null, false);

  static Target function(List<String> layers, Map<String, String> env) {
    return function("python3.12", "x86_64", "Zip", layers, env);
  }

  static Target function(
      String runtime,
      String arch,
      String packageType,
      List<String> layers,
      Map<String, String> env) {
    return new Target(
        "greeter_fn",
        "arn:aws:lambda:us-east-1:123456789012:function:greeter_fn",
        "us-east-1",
        runtime,
        arch,
        packageType,
        "arn:aws:iam::123456789012:role/greeter-role",
        layers,
        env,
        "/aws/lambda/greeter_fn",
        "r1",
        "Successful",
        null);
  }

  static Plan install(
      Target target, String layer, List<Map<String, Object>> granted, boolean dryRun) {
    return Installer.decideInstall(
        target,
        CHOICES,
        Layers.choose(target.runtime(), target.architecture()),
        layer,
        granted,
        dryRun);
  }

  static List<Map<String, Object>> grant(Target t) {
    return Grants.statements(t, CHOICES.bucket(), CHOICES.prefix(), false);
  }

  @Test
  void aFreshFunctionGetsTheLayerLastItsVariablesAndItsGrant() {
    Target t = function(List.of(OTHER), Map.of("APP_MODE", "prod"));
    String placeholder = Layers.unpublished(Layers.Variant.JRE);
    Plan plan = install(t, placeholder, List.of(), false);
    assertThat(plan.result().outcome()).isEqualTo(Outcome.INSTALLED);
    assertThat(plan.apply().layers()).containsExactly(OTHER, placeholder);
    assertThat(plan.apply().environment())
        .containsEntry("APP_MODE", "prod")
        .containsEntry("LAMBDALOGS_BUCKET", "team-logs")
        .containsEntry("LAMBDALOGS_PREFIX", "lambda-logs/")
        .doesNotContainKey("LAMBDALOGS_TYPES");
    assertThat(plan.grantChanges()).isTrue();
    assertThat(plan.result().statements()).isEqualTo(grant(t));

    FleetPlan fleet = new FleetPlan(null, CHOICES, List.of(plan));
    assertThat(fleet.layersToPublish()).containsExactly(placeholder);
    Plan published = plan.published(placeholder, OURS_NEW);
    assertThat(published.apply().layers()).containsExactly(OTHER, OURS_NEW);
    assertThat(published.result().detail())
        .startsWith("lambdalogs-jre:4, s3://team-logs/lambda-logs/greeter_fn/");
  }

  @Test
  void anOlderVersionOfOursIsReplacedInItsPlace() {
    Target t = function(List.of(OURS_OLD, OTHER), Map.of("LAMBDALOGS_BUCKET", "team-logs"));
    Plan plan = install(t, OURS_NEW, grant(t), false);
    assertThat(plan.result().outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(plan.apply().layers()).containsExactly(OURS_NEW, OTHER);
    assertThat(plan.grantChanges()).isFalse();
  }

  @Test
  void whatIsInstalledAlreadyIsLeftAlone() {
    Target fresh = function(List.of(), Map.of());
    Plan first = install(fresh, OURS_NEW, List.of(), false);
    Target installed = function(first.apply().layers(), first.apply().environment());
    Plan again = install(installed, OURS_NEW, grant(installed), false);
    assertThat(again.result().outcome()).isEqualTo(Outcome.UP_TO_DATE);
    assertThat(again.apply()).isNull();
    assertThat(again.grantChanges()).isFalse();
  }

  @Test
  void aDryRunPlansTheSameChangeAndAppliesNothing() {
    Plan plan =
        install(
            function(List.of(), Map.of()), Layers.unpublished(Layers.Variant.JRE), List.of(), true);
    assertThat(plan.result().outcome()).isEqualTo(Outcome.PLANNED);
    assertThat(plan.result().detail()).isEqualTo("would install (new version of lambdalogs-jre)");
    assertThat(plan.result().after().layers())
        .containsExactly(Layers.unpublished(Layers.Variant.JRE));
    assertThat(plan.apply()).isNull();
    assertThat(plan.grantChanges()).isFalse();
    assertThat(new FleetPlan(null, CHOICES, List.of(plan)).layersToPublish())
        .containsExactly(Layers.unpublished(Layers.Variant.JRE));
  }

  @Test
  void refusalsSayWhyAndPlanNoChange() {
    List<String> five = List.of(OTHER + "1", OTHER + "2", OTHER + "3", OTHER + "4", OTHER + "5");
    Plan full = install(function(five, Map.of()), OURS_NEW, List.of(), false);
    assertThat(full.result().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(full.result().detail()).contains("Lambda allows 5");
    assertThat(full.apply()).isNull();
    assertThat(Layers.choose("python3.11", "arm64").refusal()).contains("Amazon Linux 2");
  }

  @Test
  void uninstallTakesOffOurLayerOurVariablesAndTheGrantOnly() {
    Target t =
        function(
            List.of(OTHER, OURS_OLD),
            Map.of(
                "APP_MODE", "prod", "LAMBDALOGS_BUCKET", "team-logs", "LAMBDALOGS_PREFIX", "x/"));
    Plan plan = Installer.decideUninstall(t, grant(t), false);
    assertThat(plan.result().outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(plan.apply().layers()).containsExactly(OTHER);
    assertThat(plan.apply().environment()).containsOnlyKeys("APP_MODE");
    assertThat(plan.grantChanges()).isTrue();
    Target clean = function(List.of(OTHER), Map.of("APP_MODE", "prod"));
    assertThat(Installer.decideUninstall(clean, List.of(), false).result().outcome())
        .isEqualTo(Outcome.NOT_INSTALLED);
    Target image = function(null, null, "Image", List.of(), Map.of());
    assertThat(Installer.decideUninstall(image, List.of(), false).result().outcome())
        .isEqualTo(Outcome.SKIPPED);
  }
}
