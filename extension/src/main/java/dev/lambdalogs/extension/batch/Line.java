package dev.lambdalogs.extension.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One archive line as a batch takes it: written into the batch straight from the bytes it arrived
 * in, so that a delivery's events are never copied one by one on their way to the compressor.
 */
public interface Line {
  /** Its event's time, which names the batch it opens: read only for a batch's first line. */
  String time();

  /** Writes the line, without its newline, and returns how many bytes that was. */
  int writeTo(OutputStream out) throws IOException;

  /** A line made here (a loss report) rather than received. */
  static Line text(String time, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return new Line() {
      @Override
      public String time() {
        return time;
      }

      @Override
      public int writeTo(OutputStream out) throws IOException {
        out.write(utf8);
        return utf8.length;
      }
    };
  }
}
