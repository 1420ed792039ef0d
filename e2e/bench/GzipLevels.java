// java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC e2e/bench/GzipLevels.java
// (the extension's JIT and GC; 30 rounds per level, medians)
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * What each zlib level costs and saves on varied JSON log lines, as the extension batches them. See
 * docs/benchmarks.md.
 */
public class GzipLevels {
  public static void main(String[] args) throws Exception {
    StringBuilder lines = new StringBuilder();
    Random random = new Random(1);
    for (int i = 0; i < 10_000; i++) {
      lines
          .append("{\"time\":\"2026-12-02T12:00:0")
          .append(i % 10)
          .append('.')
          .append(100 + random.nextInt(900))
          .append(
              "Z\",\"type\":\"function\",\"record\":{\"timestamp\":\"2026-12-02T12:00:00.123Z\",\"level\":\"INFO\",")
          .append("\"requestId\":\"")
          .append(new UUID(random.nextLong(), random.nextLong()))
          .append("\",\"message\":\"GET /orders/")
          .append(random.nextInt(100_000))
          .append(" status=200 duration_ms=")
          .append(random.nextInt(500))
          .append(" user=u-")
          .append(random.nextInt(1000))
          .append("\"}}\n");
    }
    byte[] raw = lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int level : new int[] {1, 3, 6, 9}) {
      List<Double> millis = new ArrayList<>();
      int size = 0;
      for (int round = 0; round < 30; round++) {
        long start = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip =
            new GZIPOutputStream(out, 8192) {
              {
                def.setLevel(level);
              }
            }) {
          gzip.write(raw);
        }
        size = out.size();
        millis.add((System.nanoTime() - start) / 1e6);
      }
      Collections.sort(millis);
      System.out.printf(
          "level %d: %.1f ms per 10,000 lines (%d KB), compressed to %.1f%% of the raw size%n",
          level, millis.get(15), raw.length / 1024, 100.0 * size / raw.length);
    }
  }
}
