package dev.lambdalogs.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which listed functions a selection takes: its pattern, all its tags, and none of its exclusions.
 */
class SelectionTest {
  static final Map<String, String> WEB_PROD = Map.of("team", "web", "stage", "prod");

  @Test
  void nothingNamedMeansNothingSelectedUntilAPatternOrTagIsGiven() {
    assertThat(new Selection(List.of(), null, Map.of(), List.of("x*")).isEmpty()).isTrue();
    assertThat(new Selection(List.of("greeter_fn"), null, Map.of(), List.of()).isEmpty()).isFalse();
    assertThat(new Selection(List.of(), Pattern.compile("^api-"), Map.of(), List.of()).isEmpty())
        .isFalse();
  }

  @Test
  void aPatternIsFoundAnywhereInTheNameUnlessAnchored() {
    Selection api = new Selection(List.of(), Pattern.compile("api"), Map.of(), List.of());
    assertThat(api.matches("orders-api-prod", Map.of())).isTrue();
    assertThat(api.matches("worker", Map.of())).isFalse();
    Selection anchored = new Selection(List.of(), Pattern.compile("^api-"), Map.of(), List.of());
    assertThat(anchored.matches("orders-api-prod", Map.of())).isFalse();
  }

  @Test
  void everyTagMustMatchItsValue() {
    Selection web =
        new Selection(List.of(), null, Map.of("team", "web", "stage", "prod"), List.of());
    assertThat(web.matches("a", WEB_PROD)).isTrue();
    assertThat(web.matches("a", Map.of("team", "web"))).isFalse();
    assertThat(web.matches("a", Map.of("team", "web", "stage", "dev"))).isFalse();
  }

  @Test
  void exclusionsAreGlobsOverTheWholeNameAndWinOverEverythingElse() {
    Selection web =
        new Selection(List.of(), null, Map.of("team", "web"), List.of("*-canary", "legacy_?"));
    assertThat(web.matches("checkout-canary", WEB_PROD)).isFalse();
    assertThat(web.matches("checkout-canary-2", WEB_PROD)).isTrue();
    assertThat(web.matches("legacy_1", WEB_PROD)).isFalse();
    assertThat(web.matches("legacy_12", WEB_PROD)).isTrue();
    assertThat(web.excluded("checkout-canary")).isTrue();
  }
}
