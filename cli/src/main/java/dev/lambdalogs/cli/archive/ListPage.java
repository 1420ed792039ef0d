package dev.lambdalogs.cli.archive;

import dev.lambdalogs.contract.time.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a ListObjectsV2 answer, read from its XML: the objects, the common prefixes, and the
 * token of the next page (null on the last). Only these few elements are read; S3 escapes their
 * text as XML does.
 */
record ListPage(List<Source.ObjectRef> objects, List<String> prefixes, String next) {
  static ListPage parse(String xml) {
    List<Source.ObjectRef> objects = new ArrayList<>();
    for (String contents : elements(xml, "Contents")) {
      String size = text(contents, "Size");
      String written = text(contents, "LastModified");
      objects.add(
          new Source.ObjectRef(
              text(contents, "Key"),
              size == null ? -1 : Long.parseLong(size.trim()),
              Times.epochMillis(written == null ? null : written.trim())));
    }
    List<String> prefixes = new ArrayList<>();
    for (String common : elements(xml, "CommonPrefixes")) {
      prefixes.add(text(common, "Prefix"));
    }
    boolean truncated = "true".equals(text(xml, "IsTruncated"));
    return new ListPage(objects, prefixes, truncated ? text(xml, "NextContinuationToken") : null);
  }

  /** The inner XML of every element with this name. */
  private static List<String> elements(String xml, String name) {
    List<String> found = new ArrayList<>();
    String open = "<" + name + ">";
    String close = "</" + name + ">";
    for (int start = xml.indexOf(open); start >= 0; start = xml.indexOf(open, start)) {
      int end = xml.indexOf(close, start);
      if (end < 0) {
        throw new IllegalArgumentException(
            "a ListObjectsV2 answer with an unclosed <" + name + ">");
      }
      found.add(xml.substring(start + open.length(), end));
      start = end + close.length();
    }
    return found;
  }

  /** The text of the first element with this name, unescaped; null when there is none. */
  private static String text(String xml, String name) {
    List<String> all = elements(xml, name);
    return all.isEmpty() ? null : unescape(all.get(0));
  }

  static String unescape(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      int semicolon = text.charAt(i) == '&' ? text.indexOf(';', i) : -1;
      if (semicolon < 0) {
        out.append(text.charAt(i));
        continue;
      }
      String entity = text.substring(i + 1, semicolon);
      switch (entity) {
        case "amp" -> out.append('&');
        case "lt" -> out.append('<');
        case "gt" -> out.append('>');
        case "quot" -> out.append('"');
        case "apos" -> out.append('\'');
        default -> {
          if (!entity.startsWith("#")) {
            throw new IllegalArgumentException(
                "an unknown XML entity &" + entity + "; in a ListObjectsV2 answer");
          }
          out.appendCodePoint(
              entity.startsWith("#x")
                  ? Integer.parseInt(entity.substring(2), 16)
                  : Integer.parseInt(entity.substring(1)));
        }
      }
      i = semicolon;
    }
    return out.toString();
  }
}
