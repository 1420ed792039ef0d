package dev.lambdalogs.cli.query;

import java.util.List;

/**
 * Where a query's result goes, row by row, so that a large result is never held whole: values are
 * strings (timestamps as ISO-8601 UTC), numbers, booleans or null.
 */
public interface Rows {
  void columns(List<String> names);

  void row(List<Object> values);

  /** After the last row. */
  void end();
}
