package dev.lambdalogs.cli.archive;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which events tail prints: a time range, and optionally types, a pattern, a request and a level.
 * Each null criterion lets every event through.
 *
 * @param openEnded with --follow: what arrives later is after {@code to} by nature
 * @param types telemetry categories (platform) or exact types (platform.report)
 * @param grep found in the message, or in the whole line of a platform event
 * @param requestId a prefix of the request id
 * @param level a function record's level, any case
 */
public record EventFilter(
    Instant from,
    Instant to,
    boolean openEnded,
    List<String> types,
    Pattern grep,
    String requestId,
    String level)
    implements Predicate<Entry> {
  @Override
  public boolean test(Entry e) {
    return e.time() >= from.toEpochMilli()
        && (openEnded || e.time() <= to.toEpochMilli())
        && (types == null
            || types.contains(e.type())
            || types.contains(e.type().replaceFirst("\\..*", "")))
        && (grep == null
            || grep.matcher(e.type().startsWith("platform.") ? e.line() : e.message()).find())
        && (requestId == null || e.requestId() != null && e.requestId().startsWith(requestId))
        && (level == null || level.equalsIgnoreCase(e.level()));
  }
}
