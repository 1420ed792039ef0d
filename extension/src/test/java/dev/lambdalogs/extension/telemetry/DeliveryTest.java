package dev.lambdalogs.extension.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.extension.batch.Line;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryTest {
  static final String START =
      "{\"time\":\"2022-10-12T00:00:15.064Z\", \"type\":\"platform.start\","
          + "\"record\":{\"requestId\":\"6d68ca91-49c9-448d-89b8-7ca3e6dc66aa\",\"version\":\"$LATEST\"}}";
  static final String LINE =
      "{\"time\":\"2022-10-12T00:00:15.065Z\",\"type\":\"function\",\"record\":\"hello \\\"world\\\"\\n\"}";
  static final String JSON_LINE =
      "{\"time\":\"2022-10-12T00:00:15.066Z\",\"type\":\"function\",\"record\":"
          + "{\"timestamp\":\"2022-10-12T00:00:15.066Z\",\"level\":\"INFO\",\"requestId\":\"79b4f56e\",\"message\":\"hi\"}}";

  @Test
  void keepsEachEventByteForByteAndReadsItsFields() {
    List<Event> events = Delivery.parse("[ " + START + " ,\n" + LINE + "," + JSON_LINE + "]");
    assertThat(events).extracting(Event::raw).containsExactly(START, LINE, JSON_LINE);
    assertThat(events)
        .extracting(Event::type)
        .containsExactly("platform.start", "function", "function");
    assertThat(events.get(0).recordRequestId()).isEqualTo("6d68ca91-49c9-448d-89b8-7ca3e6dc66aa");
    assertThat(events.get(1).recordText()).isEqualTo("hello \"world\"\n");
    assertThat(events.get(2).recordRequestId()).isEqualTo("79b4f56e");
    assertThat(events.get(0).time()).isEqualTo("2022-10-12T00:00:15.064Z");
    assertThat(events.get(0).isPlatform("start")).isTrue();
    assertThat(events.get(0).isPlatform("star")).isFalse();
    assertThat(events.get(0).isPlatform("report")).isFalse();
    assertThat(events.get(1).isPlatform("start")).isFalse();
  }

  @Test
  void readsOnlyTheDeliverysLengthOfAnArrayUsedBefore() {
    byte[] delivery = ("[" + LINE + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] reused = java.util.Arrays.copyOf(delivery, delivery.length + 100);
    java.util.Arrays.fill(
        reused, delivery.length, reused.length, (byte) '}'); // what an earlier delivery left
    assertThat(Delivery.parse(reused, delivery.length))
        .extracting(Event::raw)
        .containsExactly(LINE);
  }

  @Test
  void anEmptyDeliveryIsValid() {
    assertThat(Delivery.parse("[]")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"type\":\"function\"}",
        "[{\"record\":\"x\"}]",
        "[{\"time\":1,\"type\":\"function\"}]",
        "[\"a string\"]",
        "[" + START + "",
        "[" + START + "] trailing"
      })
  void refusesMalformedDeliveriesWhole(String body) {
    assertThatThrownBy(() -> Delivery.parse(body)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lineAddsTheRequestIdOnlyWhenKnownAndAbsent() {
    Event line = Delivery.parse("[" + LINE + "]").get(0);
    assertThat(text(line.line(null))).isEqualTo(LINE);
    @SuppressWarnings("unchecked")
    Map<String, Object> withId = (Map<String, Object>) Json.parse(text(line.line("abc")));
    assertThat(withId)
        .containsEntry("requestId", "abc")
        .containsEntry("record", "hello \"world\"\n");
    Event already =
        Delivery.parse(
                "[{\"time\":\"t\",\"type\":\"function\",\"requestId\":\"x\",\"record\":\"r\"}]")
            .get(0);
    assertThat(text(already.line("abc"))).isEqualTo(already.raw());
  }

  @Test
  void invocationsAttributeLinesBetweenStartAndReport() {
    Invocations invocations = new Invocations(false);
    List<Event> events =
        Delivery.parse(
            "["
                + String.join(
                    ",",
                    "{\"time\":\"t\",\"type\":\"function\",\"record\":\"before any start\"}",
                    "{\"time\":\"t\",\"type\":\"platform.start\",\"record\":{\"requestId\":\"r1\"}}",
                    "{\"time\":\"t\",\"type\":\"function\",\"record\":\"in r1\"}",
                    "{\"time\":\"t\",\"type\":\"platform.runtimeDone\",\"record\":{\"requestId\":\"r1\"}}",
                    "{\"time\":\"t\",\"type\":\"extension\",\"record\":\"after runtimeDone, still r1\"}",
                    "{\"time\":\"t\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r1\"}}",
                    "{\"time\":\"t\",\"type\":\"function\",\"record\":\"between invocations\"}",
                    "{\"time\":\"t\",\"type\":\"platform.initStart\",\"record\":{}}")
                + "]");
    assertThat(events.stream().map(invocations::requestIdFor).toList())
        .containsExactly(null, "r1", "r1", "r1", "r1", "r1", null, null);
    assertThat(invocations.lastReported()).isEqualTo("r1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // tenant isolation: the tenant beside the request, in platform events and JSON log lines
        "{\"time\":\"2026-11-24T10:00:00.000Z\",\"type\":\"platform.start\",\"record\":{\"requestId\":\"r1\",\"tenantId\":\"acme\",\"version\":\"3\"}}",
        "{\"time\":\"2026-11-24T10:00:00.001Z\",\"type\":\"function\",\"record\":{\"timestamp\":\"2026-11-24T10:00:00.001Z\",\"level\":\"INFO\",\"requestId\":\"r1\",\"tenantId\":\"acme\",\"message\":\"hi\"}}",
        // durable functions: execution fields, nested
        "{\"time\":\"2026-11-24T10:00:00.002Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r1\",\"durableExecution\":{\"executionArn\":\"arn:aws:lambda:us-east-1:1:function:f:1/durable-execution/x/y\",\"step\":[1,2.5e3,{\"a\":null}]},\"metrics\":{\"durationMs\":1.5}}}",
        // a type nobody knows yet, records of every JSON shape, fields in any order, escapes kept
        // as sent
        "{\"type\":\"platform.somethingNew\",\"record\":[true,false,null,-0.0,\"\\u00e9\\ud83d\\ude00\"],\"time\":\"2026-11-24T10:00:00.003Z\",\"extra\":{}}",
        "{\"time\":\"2026-11-24T10:00:00.004Z\",\"type\":\"extension\",\"record\":42}",
        "{\"time\":\"2026-11-24T10:00:00.005Z\" , \"type\" : \"function\" , \"record\" : null }"
      })
  void shapesLambdaAddsPassThroughByteForByte(String event) {
    Event parsed = Delivery.parse("[" + event + "]").get(0);
    assertThat(parsed.raw()).isEqualTo(event);
    String stored = text(parsed.line("r9"));
    assertThat(Json.parse(stored)).as("still one JSON object").isInstanceOf(Map.class);
    assertThat(stored)
        .as("the event's own bytes, a requestId added at most")
        .startsWith(event.substring(0, event.lastIndexOf('}')));
  }

  @Test
  void whereInvocationsOverlapALineThatNamesNoRequestGetsNone() {
    Invocations invocations = new Invocations(true);
    List<Event> events =
        Delivery.parse(
            "["
                + String.join(
                    ",",
                    "{\"time\":\"t\",\"type\":\"platform.start\",\"record\":{\"requestId\":\"r1\"}}",
                    "{\"time\":\"t\",\"type\":\"platform.start\",\"record\":{\"requestId\":\"r2\"}}",
                    "{\"time\":\"t\",\"type\":\"function\",\"record\":{\"requestId\":\"r1\",\"message\":\"mine\"}}",
                    "{\"time\":\"t\",\"type\":\"function\",\"record\":{\"message\":\"a background thread\"}}",
                    "{\"time\":\"t\",\"type\":\"extension\",\"record\":\"another extension's line\"}")
                + "]");
    assertThat(events.stream().map(invocations::requestIdFor).toList())
        .containsExactly("r1", "r2", "r1", null, null);
  }

  static String text(Line line) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      assertThat(line.writeTo(out)).isEqualTo(out.size());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
