// java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx16m -cp
// extension/target/lambdalogs-extension.jar e2e/bench/IngestParts.java
// (the extension's own JVM flags; 40 rounds of one 10,000-line delivery; medians of the last 30)
import dev.lambdalogs.extension.batch.*;
import dev.lambdalogs.extension.telemetry.*;
import java.util.*;

/**
 * Where a delivery's CPU goes in the extension: decoding and parsing, then batching (gzip). See
 * docs/benchmarks.md.
 */
public class IngestParts {
  public static void main(String[] a) throws Exception {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 10000; i++) {
      if (i > 0) sb.append(',');
      sb.append(
          "{\"time\":\"2026-12-02T12:00:00.000Z\",\"type\":\"function\",\"record\":\"2026-11-24T10:00:00.000Z INFO request handled: GET /orders/12345 status=200 duration_ms=12 user=u-42\"}");
    }
    String body = sb.append(']').toString();
    Loss loss = new Loss();
    List<Double> parse = new ArrayList<>(), batch = new ArrayList<>();
    for (int round = 0; round < 40; round++) {
      List<SealedBatch> out = new ArrayList<>();
      Batcher batcher =
          new Batcher(4L << 20, 60_000, true, new ArchiveKey("p/", "f", "e", true), loss, out::add);
      long t0 = System.nanoTime();
      byte[] raw = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      long t1 = System.nanoTime();
      List<Event> events = Delivery.parse(raw, raw.length);
      long t2 = System.nanoTime();
      for (Event e : events) batcher.add(e.line(null));
      long t3 = System.nanoTime();
      batcher.sealNow();
      long t4 = System.nanoTime();
      if (round >= 10) {
        parse.add((t2 - t1) / 1e6);
        batch.add((t4 - t2) / 1e6);
      }
    }
    Collections.sort(parse);
    Collections.sort(batch);
    System.out.printf(
        "10,000 lines (%d KB), medians: parse %.1f ms, batch+gzip+seal %.1f ms%n",
        body.length() / 1024, parse.get(15), batch.get(15));
  }
}
