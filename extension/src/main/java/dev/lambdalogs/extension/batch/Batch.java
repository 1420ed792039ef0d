package dev.lambdalogs.extension.batch;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Lines being gathered into one object. They are compressed as they come in, so memory holds the
 * compressed size, and the work happens while the function runs rather than when the batch is
 * sealed.
 */
final class Batch {
  private static final long PENDING_AT_MOST = 256 * 1024;
  final String firstEventTime;

  /**
   * Since when its oldest line has waited: the event's own time, or its arrival when that is
   * unknown.
   */
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
      this.out = new BufferedOutputStream(gzip ? new FastGzip(bytes) : bytes, 32 * 1024);
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

  /**
   * Gzip at zlib's fastest level: on varied JSON log lines (10,000 of 230 bytes,
   * e2e/bench/GzipLevels.java) it takes 17 ms where the default level takes 29, for objects 13%
   * larger (18.5% of the raw size against 16.4%). Compressing is most of the extension's CPU per
   * line, paid by a function that gets 7% of a vCPU.
   */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 8192);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  long rawBytes() {
    return rawBytes;
  }

  /**
   * Its size once sealed, at most: what is compressed so far, and what the buffer and the deflater
   * may still hold (32 KiB of lines in the buffer; zlib's pending block of at most 16K symbols of
   * at most 6 bytes each; the stream's 8 KiB output buffer; the trailer), rounded up; never more
   * than the lines would take stored, as zlib's deflateBound allows. Cheaper than flushing the
   * deflater to measure it, and close enough that batches of compressible lines still queue several
   * deep under the cap.
   */
  long sealedBytesAtMost() {
    long stored = rawBytes + (rawBytes >> 11) + 64;
    return Math.min(stored, bytes.size() + PENDING_AT_MOST);
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
