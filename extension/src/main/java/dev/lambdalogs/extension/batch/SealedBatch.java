package dev.lambdalogs.extension.batch;

/**
 * A batch ready to write: its key and its bytes as they will be stored.
 *
 * @param events the events in it, the accounting line included
 * @param rawBytes its size before compression
 * @param carried what an accounting line at its start reports: lost again if this batch is dropped
 */
public record SealedBatch(
    String key, byte[] body, int events, long rawBytes, Loss.Counts carried) {}
