package dev.lambdalogs.extension.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A batch's size bound, which the shipper's room is reckoned by: never below what sealing it then
 * gives, for lines that compress well, lines that barely do, and lines stored uncompressed.
 */
class BatchTest {
  static final String TIME = "2026-12-02T12:00:00.000Z";

  @Test
  void theBoundIsNeverBelowTheSealedSize() {
    Random random = new Random(7);
    assertBoundHolds(true, i -> "request handled: GET /orders/" + i + " status=200");
    assertBoundHolds(true, i -> printable(random, 200));
    assertBoundHolds(
        true, i -> printable(random, 70_000)); // longer than the buffer in front of zlib
    assertBoundHolds(false, i -> printable(random, 200));
  }

  @Test
  void forLinesThatCompressTheBoundIsFarBelowTheirRawSize() {
    Batch batch = new Batch(TIME, true, 0, Loss.Counts.NONE);
    for (int i = 0; i < 20_000; i++) {
      batch.add(
          Line.text(TIME, "request handled: GET /orders/" + i + " status=200 user=u-" + (i % 97)));
    }
    assertThat(batch.sealedBytesAtMost())
        .as("so that several batches queue under the cap")
        .isLessThan(batch.rawBytes() / 2);
  }

  /** Adds lines one by one; at checkpoints, seals a copy made of the same lines and compares. */
  static void assertBoundHolds(boolean gzip, IntFunction<String> lines) {
    String[] made = new String[4_000];
    for (int i = 0; i < made.length; i++) {
      made[i] = lines.apply(i);
    }
    for (int count = 1; count <= made.length; count = count * 3 / 2 + 1) {
      Batch batch = new Batch(TIME, gzip, 0, Loss.Counts.NONE);
      for (int i = 0; i < count; i++) {
        batch.add(Line.text(TIME, made[i]));
      }
      long bound = batch.sealedBytesAtMost();
      assertThat(bound).as("%d lines", count).isGreaterThanOrEqualTo(batch.seal("k").body().length);
    }
  }

  static String printable(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      char c = (char) (' ' + random.nextInt(95));
      text.append(c == '"' || c == '\\' ? 'x' : c);
    }
    return text.toString();
  }
}
