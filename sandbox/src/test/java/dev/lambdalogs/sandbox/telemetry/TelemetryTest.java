package dev.lambdalogs.sandbox.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lambdalogs.sandbox.testing.Await;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform's side of the Telemetry API, delivering to a real HTTP listener on loopback. */
class TelemetryTest {
  final List<String> deliveries = new CopyOnWriteArrayList<>();
  HttpServer listener;
  Gate gate = new Gate();
  Telemetry telemetry = new Telemetry(gate, 1 << 20);

  @BeforeEach
  void listen() throws Exception {
    listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    listener.createContext(
        "/",
        exchange -> {
          deliveries.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    listener.start();
  }

  @AfterEach
  void stop() {
    telemetry.close();
    listener.stop(0);
  }

  Subscription subscription(String types) {
    return Subscription.parse(
        "ext",
        SubscriptionTest.request(
            "2022-12-13",
            "http://sandbox.localdomain:" + listener.getAddress().getPort() + "/",
            types,
            "{\"timeoutMs\":25}"));
  }

  String all() {
    return String.join("", deliveries);
  }

  @Test
  void whatInitSaidBeforeTheSubscriptionIsDeliveredToItAndOnlyTheTypesItAskedFor()
      throws Exception {
    telemetry.platform("initStart", Telemetry.record("phase", "init"));
    telemetry.log("function", "\"early line\"");
    telemetry.subscribe(subscription("[\"platform\"]"));
    telemetry.initDone();
    telemetry.platform("start", Telemetry.record("requestId", "r1"));
    Await.until(
        "initStart and start delivered",
        () -> all().contains("platform.initStart") && all().contains("platform.start"));
    assertThat(all()).doesNotContain("early line").contains("\"record\":{\"phase\":\"init\"}");
  }

  @Test
  void nothingIsDeliveredWhileTheGateIsClosedAndAllOfItOnceItOpens() throws Exception {
    telemetry.subscribe(subscription("[\"function\"]"));
    telemetry.initDone();
    gate.close(1_000);
    telemetry.log("function", "\"while frozen\"");
    Subscriber subscriber = telemetry.subscribers().get(0);
    Await.until("the delivery, due after 25 ms, held at the gate", () -> gate.held() == 1);
    assertThat(deliveries).isEmpty();
    assertThat(subscriber.counts().deliveries()).isZero();
    gate.open();
    Await.until("the line delivered after the thaw", () -> subscriber.counts().delivered() == 1);
    assertThat(all()).contains("while frozen");
  }
}
