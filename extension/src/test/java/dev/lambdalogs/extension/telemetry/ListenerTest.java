package dev.lambdalogs.extension.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.contract.http.Http;
import dev.lambdalogs.extension.batch.ArchiveKey;
import dev.lambdalogs.extension.batch.Batcher;
import dev.lambdalogs.extension.batch.Loss;
import dev.lambdalogs.extension.batch.SealedBatch;
import dev.lambdalogs.extension.util.PlainHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The listener over a real socket: answered at once, read on its own thread, which nothing kills.
 */
class ListenerTest {
  @Test
  void aDeliveryThatBreaksTheReaderIsCountedAndTheNextIsStillRead() throws Exception {
    List<SealedBatch> sealed = new CopyOnWriteArrayList<>();
    Loss loss = new Loss();
    Batcher batcher =
        new Batcher(
            1 << 20, 60_000, false, new ArchiveKey("p/", "f", "e", false), loss, sealed::add);
    Listener listener =
        new Listener(
            batcher,
            false,
            () -> {
              throw new IllegalStateException("a defect while restoring");
            });
    listener.start();
    try {
      assertThat(
              post(
                      listener,
                      "[{\"time\":\"2026-12-02T10:00:00.000Z\",\"type\":\"platform.restoreStart\",\"record\":{}}]")
                  .status())
          .isEqualTo(200);
      assertThat(
              post(
                      listener,
                      "[{\"time\":\"2026-12-02T10:00:01.000Z\",\"type\":\"function\",\"record\":\"still here\"}]")
                  .status())
          .isEqualTo(200);
      listener.awaitLastDeliveries(null, System.currentTimeMillis() + 10_000);
      batcher.sealNow();
    } finally {
      listener.stop();
    }
    String archived =
        sealed.stream()
            .map(b -> new String(b.body(), StandardCharsets.UTF_8))
            .reduce("", String::concat);
    assertThat(archived).contains("still here").contains("\"malformedDeliveries\":1");
    assertThat(loss.totalMalformedDeliveries()).isEqualTo(1);
  }

  private static Http.Response post(Listener listener, String body) throws Exception {
    return PlainHttp.exchange(
        "POST",
        "127.0.0.1:" + listener.port(),
        "/",
        Map.of(),
        body.getBytes(StandardCharsets.UTF_8),
        5_000);
  }
}
