package dev.lambdalogs.extension.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class BatcherTest {
  final List<SealedBatch> sealed = new ArrayList<>();
  final Loss loss = new Loss();

  Batcher batcher(long flushBytes, long intervalMs) {
    return new Batcher(
        flushBytes, intervalMs, true, new ArchiveKey("p/", "f", "e", true), loss, sealed::add);
  }

  static List<String> lines(SealedBatch batch) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(batch.body()))) {
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
  }

  @Test
  void sealsAtTheSizeLimitAndKeepsEveryLineInOrder() throws IOException {
    Batcher batcher = batcher(1024, 60_000);
    List<String> added = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String line = "{\"time\":\"2026-11-24T10:00:00.000Z\",\"n\":" + i + "}";
      added.add(line);
      batcher.add(Line.text("2026-11-24T10:00:00.000Z", line));
    }
    batcher.sealNow();
    assertThat(sealed).hasSizeGreaterThan(3);
    List<String> all = new ArrayList<>();
    for (SealedBatch batch : sealed) {
      assertThat(batch.rawBytes()).isLessThan(1024 + 60);
      all.addAll(lines(batch));
    }
    assertThat(all).isEqualTo(added);
    assertThat(sealed).extracting(SealedBatch::key).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void aFullBatchIsSealedOnlyOnceTheShipperHasRoomForItAndTheWaitHoldsNoLock() {
    List<String> calls = new ArrayList<>();
    Batcher[] self = new Batcher[1];
    Outbox shipper =
        new Outbox() {
          @Override
          public void accept(SealedBatch batch) {
            calls.add("accept " + batch.rawBytes());
          }

          @Override
          public void awaitRoom(long bytes) {
            calls.add("awaitRoom");
            assertThat(bytes).as("at least what it will take").isGreaterThanOrEqualTo(1024 + 18);
            assertThat(Thread.holdsLock(self[0]))
                .as("the shipper's thread seals due batches meanwhile")
                .isFalse();
          }
        };
    self[0] = new Batcher(1024, 60_000, true, new ArchiveKey("p/", "f", "e", true), loss, shipper);
    for (int i = 0; i < 40; i++) {
      self[0].add(
          Line.text(
              "2026-11-24T10:00:00.000Z", "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(40) + "\"}"));
    }
    assertThat(calls).hasSizeGreaterThanOrEqualTo(2).startsWith("awaitRoom");
    for (int i = 0; i < calls.size(); i += 2) {
      assertThat(calls.get(i)).isEqualTo("awaitRoom");
      assertThat(calls.get(i + 1)).startsWith("accept ");
    }
  }

  @Test
  void isDueByTheFirstEventsOwnTime() {
    Batcher batcher = batcher(1 << 20, 1_000);
    long now = System.currentTimeMillis();
    batcher.add(Line.text(dev.lambdalogs.contract.time.Times.iso(now - 5_000), "{}"));
    assertThat(batcher.isDue(now)).as("it waited in the platform's buffer").isTrue();
    Batcher fresh = batcher(1 << 20, 1_000);
    fresh.add(Line.text(dev.lambdalogs.contract.time.Times.iso(now), "{}"));
    assertThat(fresh.isDue(now + 999)).isFalse();
    assertThat(fresh.isDue(now + 1_000)).isTrue();
  }

  @Test
  void heldNothingIsSealedButAtShutdownAndReleasedWhatIsDueIs() {
    Batcher batcher = batcher(64, 1_000);
    batcher.hold();
    long now = System.currentTimeMillis();
    batcher.add(
        Line.text(
            dev.lambdalogs.contract.time.Times.iso(now - 60_000),
            "{\"a line longer than the 64-byte flush size, from before the snapshot\"}"));
    batcher.sealIfDue(now);
    assertThat(sealed).as("over the size and due, but held").isEmpty();
    assertThat(batcher.isDue(now)).isFalse();
    batcher.release();
    assertThat(sealed).as("sealed once released: it is over the size").hasSize(1);
    batcher.hold();
    batcher.add(Line.text(dev.lambdalogs.contract.time.Times.iso(now), "{}"));
    batcher.sealNow();
    assertThat(sealed).as("shutdown seals what is held").hasSize(2);
  }

  @Test
  void aDroppedBatchIsReportedAtTheStartOfTheNextOneAndAtShutdown() throws IOException {
    Batcher batcher = batcher(1 << 20, 60_000);
    batcher.add(Line.text("2026-11-24T10:00:00.000Z", "{\"n\":1}"));
    batcher.add(Line.text("2026-11-24T10:00:00.000Z", "{\"n\":2}"));
    batcher.sealNow();
    loss.dropped(sealed.remove(0));
    loss.malformedDelivery();
    batcher.add(Line.text("2026-11-24T10:00:01.000Z", "{\"n\":3}"));
    batcher.sealNow();
    assertThat(lines(sealed.get(0)))
        .containsExactly(
            "{\"time\":\"2026-11-24T10:00:01.000Z\",\"type\":\"lambdalogs.dropped\",\"record\":{\"droppedEvents\":2,"
                + "\"droppedBytes\":16,\"malformedDeliveries\":1}}",
            "{\"n\":3}");

    SealedBatch report = sealed.remove(0);
    loss.dropped(
        report); // the report itself lost: what it carried is owed again, with its own event
    batcher.sealNow();
    assertThat(lines(sealed.get(0)))
        .singleElement()
        .asString()
        .contains(
            "\"droppedEvents\":3,\"droppedBytes\":"
                + (16 + report.rawBytes())
                + ",\"malformedDeliveries\":1");
    assertThat(loss.totalDroppedEvents()).isEqualTo(3);
  }
}
