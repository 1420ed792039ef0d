package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.archive.TimeRange;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --since, --until and --interval values; a bad one is a usage error (exit 2) that shows good ones. */
final class TimeConverters {
  private TimeConverters() {}

  /** An instant, or a duration back from now. */
  static final class When implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return TimeRange.parse(value, Instant.now());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class Length implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return TimeRange.duration(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
