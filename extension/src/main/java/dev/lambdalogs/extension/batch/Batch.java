package dev.lambdalogs.extension.batch;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Lines being gathered into one object. They are compressed as they come in, so memory holds the
 * compressed size, and the work happens while the function runs rather than when the batch is sealed.
 */
final class Batch {
  final String firstEventTime;
  /** Since when its oldest line has waited: the event's own time, or its arrival when that is unknown. */
  final long oldestMillis;
  final Loss.Counts carried;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
  private final OutputStream out;
  private int events;
  private long rawBytes;

  Batch(String firstEventTime, boolean gzip, long oldestMillis, Loss.Counts carried) {
    this.firstEventTime = firstEventTime;
    this.oldestMillis = oldestMillis;
    this.carried = carried;
    try {
      // the buffer spares the deflater a native call for every short line
      this.out = new BufferedOutputStream(gzip ? new GZIPOutputStream(bytes, 8192) : bytes, 32 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void add(Line line) {
    try {
      rawBytes += line.writeTo(out) + 1;
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    events++;
  }

  long rawBytes() {
    return rawBytes;
  }

  SealedBatch seal(String key) {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SealedBatch(key, bytes.toByteArray(), events, rawBytes, carried);
  }
}
