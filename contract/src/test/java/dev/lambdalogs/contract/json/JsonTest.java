package dev.lambdalogs.contract.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void readsEveryKindOfValue() {
    Object value =
        Json.parse(
            " {\"a\": [1, -2.5e3, true, false, null], \"s\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\", \"o\": {}} ");
    assertThat(value)
        .isEqualTo(
            Map.of(
                "a",
                java.util.Arrays.asList(1.0, -2500.0, true, false, null),
                "s",
                "x\"\\/\b\f\n\r\té",
                "o",
                Map.of()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "[1,]",
        "{\"a\" 1}",
        "\"open",
        "tru",
        "[1] 2",
        "{\"a\":1,}",
        "\"bad \\q escape\"",
        "\"raw\ncontrol\"",
        "[01x]",
        "\"\\u12\""
      })
  void refusesWhatIsNotJson(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quoteIsReadBackAsTheSameString() {
    String s = "quote \" backslash \\ newline \n tab \t bell \u0007 é 😀";
    assertThat(Json.parse(Json.quote(s))).isEqualTo(s);
    assertThat(Json.quote("\u0001")).isEqualTo("\"\\u0001\"");
  }

  @Test
  void skipValueStepsOverNestedValues() {
    Json json = new Json("[{\"a\":[1,{\"b\":\"]\"}]},\"next\"]");
    json.expect('[');
    json.skipValue();
    json.expect(',');
    assertThat(json.readString()).isEqualTo("next");
    assertThat(List.of(json.more(']', false))).containsExactly(false);
  }
}
