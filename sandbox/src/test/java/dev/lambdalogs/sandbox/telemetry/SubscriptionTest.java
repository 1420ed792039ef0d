package dev.lambdalogs.sandbox.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The subscribe call's validation, with the Telemetry API's documented limits and defaults. */
class SubscriptionTest {
  static String request(String schema, String uri, String types, String buffering) {
    return "{\"schemaVersion\":\""
        + schema
        + "\",\"destination\":{\"protocol\":\"HTTP\",\"URI\":\""
        + uri
        + "\"},\"types\":"
        + types
        + (buffering == null ? "" : ",\"buffering\":" + buffering)
        + "}";
  }

  static Subscription parse(String buffering) {
    return Subscription.parse(
        "ext",
        request("2022-12-13", "http://sandbox.localdomain:4243/in", "[\"platform\"]", buffering));
  }

  @Test
  void withoutBufferingTheDefaultsApply() {
    Subscription s = parse(null);
    assertThat(s.maxItems()).isEqualTo(10_000);
    assertThat(s.maxBytes()).isEqualTo(262_144);
    assertThat(s.timeoutMs()).isEqualTo(1_000);
    assertThat(s.loopbackDestination()).isEqualTo(URI.create("http://127.0.0.1:4243/in"));
  }

  @Test
  void bufferingWithinTheLimitsIsTaken() {
    Subscription s = parse("{\"maxItems\":1000,\"maxBytes\":1048576,\"timeoutMs\":25.0}");
    assertThat(s.maxItems()).isEqualTo(1_000);
    assertThat(s.maxBytes()).isEqualTo(1_048_576);
    assertThat(s.timeoutMs()).isEqualTo(25);
  }

  @Test
  void bufferingOutsideTheLimitsOrNotWholeIsRefusedNamingTheField() {
    assertThatThrownBy(() -> parse("{\"maxItems\":999}"))
        .hasMessageContaining("buffering.maxItems")
        .hasMessageContaining("1000 to 10000");
    assertThatThrownBy(() -> parse("{\"maxBytes\":1048577}"))
        .hasMessageContaining("buffering.maxBytes");
    assertThatThrownBy(() -> parse("{\"timeoutMs\":100.5}"))
        .hasMessageContaining("buffering.timeoutMs");
    assertThatThrownBy(() -> parse("{\"timeoutMs\":\"100\"}"))
        .hasMessageContaining("buffering.timeoutMs");
  }

  @Test
  void aBadRequestIsRefusedSayingWhatIsWrong() {
    assertThatThrownBy(() -> Subscription.parse("ext", "{not json"))
        .hasMessageStartingWith("the request body is not JSON");
    assertThatThrownBy(() -> Subscription.parse("ext", "[]"))
        .hasMessage("the request body must be a JSON object");
    assertThatThrownBy(
            () ->
                Subscription.parse(
                    "ext",
                    request("2021-01-01", "http://sandbox.localdomain:1/", "[\"platform\"]", null)))
        .hasMessageContaining("schemaVersion must be one of");
    assertThatThrownBy(
            () ->
                Subscription.parse(
                    "ext", request("2022-07-01", "http://localhost:1/", "[\"platform\"]", null)))
        .hasMessageContaining("http://sandbox.localdomain:PORT");
    assertThatThrownBy(
            () ->
                Subscription.parse(
                    "ext", request("2022-07-01", "http://sandbox.localdomain:1/", "[]", null)))
        .hasMessageContaining("types must be a non-empty list");
    assertThatThrownBy(
            () ->
                Subscription.parse(
                    "ext",
                    request(
                        "2022-07-01",
                        "http://sandbox.localdomain:1/",
                        "[\"platform\",\"logs\"]",
                        null)))
        .hasMessageContaining("types must be");
  }
}
