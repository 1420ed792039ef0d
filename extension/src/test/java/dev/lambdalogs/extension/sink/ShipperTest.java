package dev.lambdalogs.extension.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.extension.batch.Loss;
import dev.lambdalogs.extension.batch.SealedBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The shipper's promises, on a simulated clock: every failure is retried with a backoff that grows
 * to its cap, shutdown shortens the retries and ends them at its deadline, a reader waits for room
 * while writing works, and past the memory cap the oldest waiting batches are dropped and counted,
 * never the one being written.
 */
class ShipperTest {
  static final SinkException SLOW_DOWN = new SinkException("S3 says SlowDown", true);
  static final SinkException NO_BUCKET = new SinkException("NoSuchBucket: create it", false);
  static final IOException RESET = new SocketException("Connection reset");

  final SimulatedClock clock = new SimulatedClock();
  final ScriptedSink sink = new ScriptedSink(clock);
  final Loss loss = new Loss();

  Shipper shipper(long maxHeldBytes) {
    return new Shipper(sink, loss, maxHeldBytes, 1_000, clock);
  }

  static SealedBatch batch(String key, int bytes, int events) {
    return new SealedBatch(key, new byte[bytes], events, bytes * 3L, Loss.Counts.NONE);
  }

  /** The waits between attempts: the clock moves only while the shipper waits. */
  List<Long> pauses() {
    List<ScriptedSink.Attempt> attempts = sink.attempts;
    return IntStream.range(1, attempts.size())
        .mapToObj(i -> attempts.get(i).atMillis() - attempts.get(i - 1).atMillis())
        .toList();
  }

  /** Equal jitter: the n-th pause is between half of and the whole of min(cap, 100 ms × 2^n). */
  static void assertBackoff(List<Long> pauses, long capMs) {
    for (int n = 0; n < pauses.size(); n++) {
      long step = Math.min(capMs, 100L << n);
      assertThat(pauses.get(n)).as("pause %d", n).isBetween(step / 2, step);
    }
  }

  @Test
  void everyKindOfFailureIsRetriedWithAGrowingBackoffUntilTheBatchIsWritten() {
    sink.failing(6, SLOW_DOWN).failing(2, RESET);
    Shipper shipper = shipper(1 << 20);
    shipper.accept(batch("a", 100, 10));
    shipper.shipNext();
    assertThat(sink.attempts).hasSize(9).allSatisfy(a -> assertThat(a.key()).isEqualTo("a"));
    assertThat(sink.written).containsExactly("a");
    assertBackoff(pauses(), 5_000);
    assertThat(pauses().get(7)).as("capped at 5 s").isLessThanOrEqualTo(5_000);
    assertThat(shipper.idle()).isTrue();
    assertThat(shipper.backlog()).isEqualTo(new Shipper.Backlog(0, 0));
  }

  @Test
  void aFailureOnlyTheUserCanFixIsRetriedLessOftenButStillRetried() {
    sink.failing(12, NO_BUCKET);
    Shipper shipper = shipper(1 << 20);
    shipper.accept(batch("a", 100, 10));
    shipper.shipNext();
    assertThat(sink.written).containsExactly("a");
    assertBackoff(pauses(), 20_000);
    assertThat(pauses()).anySatisfy(p -> assertThat(p).isGreaterThan(5_000));
  }

  @Test
  void aDefectOfTheSinkNeitherKillsTheShipperNorLosesTheBatch() {
    sink.duringNextPut(
        () -> {
          throw new NullPointerException("a header without a value");
        });
    Shipper shipper = shipper(1 << 20);
    shipper.accept(batch("a", 100, 10));
    shipper.shipNext(); // returns: the exception did not escape into the shipper's thread
    assertThat(sink.written).containsExactly("a");
    assertThat(shipper.idle()).isTrue();
  }

  @Test
  void batchesAreWrittenOldestFirstAndEachOnce() {
    Shipper shipper = shipper(1 << 20);
    for (String key : List.of("1", "2", "3")) {
      shipper.accept(batch(key, 10, 1));
    }
    sink.failing(1, RESET);
    for (int i = 0; i < 3; i++) {
      shipper.shipNext();
    }
    assertThat(sink.written).containsExactly("1", "2", "3");
  }

  @Test
  void atShutdownRetriesAreShortAndNoneStartsOrOutlastsTheDeadline() {
    sink.thenAlways(SLOW_DOWN);
    Shipper shipper = shipper(1 << 20);
    shipper.accept(batch("a", 100, 7));
    long deadline = clock.millis() + 1_000;
    shipper.stopRetryingAt(deadline);
    shipper.shipNext();
    assertThat(sink.attempts)
        .hasSizeGreaterThan(3)
        .allSatisfy(
            a -> {
              assertThat(a.atMillis()).isLessThan(deadline);
              assertThat(a.atMillis() + a.timeoutMs())
                  .as("its timeout ends by the deadline")
                  .isLessThanOrEqualTo(deadline);
            });
    assertThat(pauses()).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(250));
    assertThat(clock.millis()).isEqualTo(deadline);
    assertThat(shipper.awaitWritten(deadline)).isFalse();
    assertThat(shipper.backlog())
        .as("what is lost is reported")
        .isEqualTo(new Shipper.Backlog(7, 1));
  }

  @Test
  void shutdownCutsALongBackoffShort() {
    sink.thenAlways(NO_BUCKET);
    Shipper shipper = shipper(1 << 20);
    shipper.accept(batch("a", 100, 1));
    long shutdownAt = clock.millis() + 60_000;
    long deadline = shutdownAt + 1_000;
    clock.at(shutdownAt, () -> shipper.stopRetryingAt(deadline));
    shipper.shipNext();
    assertThat(sink.attempts)
        .as("retried at once when the shutdown began")
        .anySatisfy(a -> assertThat(a.atMillis()).isEqualTo(shutdownAt));
    assertThat(sink.attempts.stream().filter(a -> a.atMillis() >= shutdownAt))
        .hasSizeGreaterThan(3)
        .allSatisfy(a -> assertThat(a.atMillis()).isLessThan(deadline));
    assertThat(sink.written).isEmpty();
  }

  @Test
  void overTheCapTheOldestWaitingBatchesAreDroppedAndCountedNeverTheOneBeingWritten() {
    Shipper shipper = shipper(250);
    shipper.accept(batch("1", 100, 10));
    String errors =
        stderrOf(
            () -> {
              sink.duringNextPut(
                  () -> {
                    for (String key : List.of("2", "3", "4")) {
                      shipper.accept(batch(key, 100, key.equals("2") ? 20 : 30));
                    }
                  });
              shipper.shipNext();
              shipper.shipNext();
            });
    assertThat(sink.written).containsExactly("1", "4");
    assertThat(loss.totalDroppedEvents()).isEqualTo(20 + 30);
    assertThat(errors.lines().filter(l -> l.startsWith("[lambdalogs] error: dropped")))
        .as("said once")
        .hasSize(1);
    assertThat(shipper.idle()).isTrue();
  }

  @Test
  void aBatchAloneIsKeptEvenWhenItIsOverTheCap() {
    Shipper shipper = shipper(50);
    shipper.accept(batch("big", 100, 5));
    shipper.shipNext();
    assertThat(sink.written).containsExactly("big");
    assertThat(loss.totalDroppedEvents()).isZero();
  }

  @Test
  void whileWritingWorksAReaderWaitsForRoomUntilABatchIsWrittenInsteadOfDroppingOne() {
    Shipper shipper = shipper(250);
    shipper.accept(batch("1", 100, 10));
    long start = clock.millis();
    shipper.awaitRoom(100);
    assertThat(clock.millis()).as("room for it: no wait").isEqualTo(start);
    shipper.accept(batch("2", 100, 10));
    clock.at(start + 700, shipper::shipNext); // the shipper's thread writes "1" then
    shipper.awaitRoom(100);
    assertThat(clock.millis()).as("waited for the write").isEqualTo(start + 700);
    assertThat(sink.written).containsExactly("1");
    shipper.accept(batch("3", 100, 10));
    assertThat(loss.totalDroppedEvents()).isZero();
  }

  @Test
  void onceWritingHasFailedForAWhileTheReaderNoLongerWaitsAndTheCapDrops() {
    sink.thenAlways(SLOW_DOWN);
    Shipper shipper = shipper(250);
    shipper.accept(batch("1", 100, 10));
    shipper.accept(batch("2", 100, 10));
    long failedFirstAt = clock.millis();
    long[] gaveUpAt = new long[1];
    clock.at(
        failedFirstAt + 1_000,
        () -> {
          shipper.awaitRoom(100); // the reader, one second into the outage
          gaveUpAt[0] = clock.millis();
          shipper.accept(batch("3", 100, 30));
          shipper.stopRetryingAt(clock.millis()); // ends this test's write of "1"
        });
    shipper.shipNext();
    assertThat(gaveUpAt[0] - failedFirstAt)
        .as("waited out the patience, no longer")
        .isBetween(Shipper.ROOM_PATIENCE_MS, Shipper.ROOM_PATIENCE_MS + 1_000);
    assertThat(loss.totalDroppedEvents())
        .as("then the cap dropped the oldest waiting")
        .isEqualTo(10);
  }

  @Test
  void atShutdownTheReaderNeverWaitsForRoom() {
    Shipper shipper = shipper(250);
    shipper.accept(batch("1", 100, 10));
    shipper.accept(batch("2", 100, 10));
    shipper.stopRetryingAt(clock.millis() + 1_000);
    long before = clock.millis();
    shipper.awaitRoom(100);
    assertThat(clock.millis()).isEqualTo(before);
  }

  @Test
  void writtenBatchesGiveTheirBytesBack() {
    Shipper shipper = shipper(250);
    for (int round = 0; round < 10; round++) {
      shipper.accept(batch("r" + round + "a", 100, 1));
      shipper.accept(batch("r" + round + "b", 100, 1));
      shipper.shipNext();
      shipper.shipNext();
    }
    assertThat(sink.written).hasSize(20);
    assertThat(loss.totalDroppedEvents())
        .as("never over the cap: each round's bytes were given back")
        .isZero();
  }

  static String stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
