package dev.lambdalogs.contract.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void thePrefixAsAFunctionsEnvironmentGivesIt() {
    assertThat(Settings.prefixOf(Map.of())).isEqualTo("lambda-logs/");
    assertThat(Settings.prefixOf(Map.of("LAMBDALOGS_PREFIX", "team/logs"))).isEqualTo("team/logs/");
    assertThat(Settings.prefixOf(Map.of("LAMBDALOGS_PREFIX", " team/ "))).isEqualTo("team/");
    assertThat(Settings.prefixOf(Map.of("LAMBDALOGS_PREFIX", "  "))).isEqualTo("lambda-logs/");
    assertThat(Settings.prefixOf(Map.of("LAMBDALOGS_PREFIX", "/abs"))).isEqualTo("lambda-logs/");
  }

  @Test
  void aPrefixGivenOnTheCommandLineEndsInASlashUnlessEmpty() {
    assertThat(Settings.keyPrefix("team")).isEqualTo("team/");
    assertThat(Settings.keyPrefix("team/")).isEqualTo("team/");
    assertThat(Settings.keyPrefix("")).isEmpty();
  }

  @Test
  void everyVariableIsOneOfOurs() throws IllegalAccessException {
    for (var field : Settings.class.getFields()) {
      if (field.getType() == String.class
          && field.getName().equals(field.getName().toUpperCase())
          && !field.getName().startsWith("DEFAULT")
          && !field.getName().equals("NAME_PREFIX")) {
        assertThat((String) field.get(null))
            .startsWith(Settings.NAME_PREFIX)
            .endsWith(field.getName());
      }
    }
  }
}
