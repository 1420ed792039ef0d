package dev.lambdalogs.contract.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader over UTF-8 bytes. The extension carries no JSON library: each one
 * costs class loading on every cold start, and the extension only needs to read a few fields and to
 * find where values begin and end, so that events are shipped byte for byte as Lambda sent them. It
 * reads the bytes as they came off the socket: a telemetry delivery is never decoded whole, only
 * the fields read from it.
 */
public final class Json {
  private final byte[] in;
  private final int end;
  private int pos;

  public Json(String text) {
    this(text.getBytes(StandardCharsets.UTF_8), 0, -1);
  }

  /**
   * Reads {@code bytes} from {@code offset} to {@code end}, or to the array's end when it is -1.
   */
  public Json(byte[] bytes, int offset, int end) {
    this.in = bytes;
    this.pos = offset;
    this.end = end < 0 ? bytes.length : end;
  }

  /** Parses a whole document into maps, lists, strings, doubles, booleans and nulls. */
  public static Object parse(String text) {
    Json json = new Json(text);
    Object value = json.readValue();
    json.expectEnd();
    return value;
  }

  /** Writes maps, lists, strings, numbers, booleans and nulls as one JSON document. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof BigDecimal d) {
      out.append(d.toPlainString()); // never 6.3E-7: people read these too
    } else if (value == null || value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof String s) {
      out.append(quote(s));
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String comma = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(comma).append(quote(e.getKey().toString())).append(':');
        write(e.getValue(), out);
        comma = ",";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      String comma = "";
      for (Object item : list) {
        out.append(comma);
        write(item, out);
        comma = ",";
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not JSON: " + value.getClass());
    }
  }

  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 15, 16));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  public int position() {
    return pos;
  }

  /** The next byte that is not white space, as a char: JSON's structure is ASCII. */
  public char peek() {
    skipSpace();
    if (pos >= end) {
      throw error("unexpected end of input");
    }
    return (char) (in[pos] & 0xff);
  }

  public void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  /**
   * After '[' or '{' (or a previous element): true when another element follows, consuming the ','.
   */
  public boolean more(char close, boolean first) {
    char c = peek();
    if (c == close) {
      pos++;
      return false;
    }
    if (!first) {
      expect(',');
    }
    return true;
  }

  public void expectEnd() {
    skipSpace();
    if (pos != end) {
      throw error("trailing characters");
    }
  }

  public Object readValue() {
    char c = peek();
    return switch (c) {
      case '{' -> readObject();
      case '[' -> readArray();
      case '"' -> readString();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> readNumber();
    };
  }

  /** Skips one value of any kind without building it. */
  public void skipValue() {
    char c = peek();
    switch (c) {
      case '{' -> {
        pos++;
        for (boolean first = true; more('}', first); first = false) {
          skipString();
          expect(':');
          skipValue();
        }
      }
      case '[' -> {
        pos++;
        for (boolean first = true; more(']', first); first = false) {
          skipValue();
        }
      }
      case '"' -> skipString();
      default -> readValue();
    }
  }

  public String readString() {
    int start = skipString();
    return decode(start, pos - 1);
  }

  /**
   * Steps over a string, checking it, and returns where its content starts; the content ends just
   * before the closing quote, at {@link #position()} - 1. Local copies of the array, its end and
   * the position: the loop runs over every byte of every event.
   */
  public int skipString() {
    expect('"');
    byte[] b = in;
    int limit = end;
    int start = pos;
    int i = pos;
    while (i < limit) {
      byte c = b[i++];
      if (c == '"') {
        pos = i;
        return start;
      }
      if (c == '\\') {
        pos = i;
        unescape();
        i = pos;
      } else if (c >= 0 && c < 0x20) { // bytes of multi-byte UTF-8 characters are negative
        pos = i;
        throw error("control character in string");
      }
    }
    pos = i;
    throw error("unterminated string");
  }

  /**
   * The text of the string content from {@code from} to {@code to}, as {@link #skipString()} found
   * it.
   */
  public String decode(int from, int to) {
    int saved = pos;
    StringBuilder out = null;
    int plain = from;
    for (int i = from; i < to; i++) {
      if (in[i] == '\\') {
        if (out == null) {
          out = new StringBuilder(to - from);
        }
        out.append(new String(in, plain, i - plain, StandardCharsets.UTF_8));
        pos = i + 1;
        out.append(unescape());
        plain = pos;
        i = pos - 1;
      }
    }
    pos = saved;
    String rest = new String(in, plain, to - plain, StandardCharsets.UTF_8);
    return out == null ? rest : out.append(rest).toString();
  }

  /** Whether the bytes from {@code from} to {@code to} are exactly the ASCII {@code text}. */
  public boolean contentEquals(int from, int to, String text) {
    if (to - from != text.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (in[from + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private char unescape() {
    if (pos >= end) {
      throw error("unterminated escape");
    }
    char c = (char) (in[pos++] & 0xff);
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> {
        if (pos + 4 > end) {
          throw error("short unicode escape");
        }
        try {
          char u = (char) Integer.parseInt(new String(in, pos, 4, StandardCharsets.ISO_8859_1), 16);
          pos += 4;
          yield u;
        } catch (NumberFormatException e) {
          throw error("bad unicode escape");
        }
      }
      default -> throw error("bad escape");
    };
  }

  private Map<String, Object> readObject() {
    expect('{');
    Map<String, Object> map = new LinkedHashMap<>();
    for (boolean first = true; more('}', first); first = false) {
      String key = readString();
      expect(':');
      map.put(key, readValue());
    }
    return map;
  }

  private List<Object> readArray() {
    expect('[');
    List<Object> list = new ArrayList<>();
    for (boolean first = true; more(']', first); first = false) {
      list.add(readValue());
    }
    return list;
  }

  private Object literal(String word, Object value) {
    if (pos + word.length() > end || !contentEquals(pos, pos + word.length(), word)) {
      throw error("unexpected token");
    }
    pos += word.length();
    return value;
  }

  private Double readNumber() {
    int start = pos;
    while (pos < end && "+-0123456789.eE".indexOf(in[pos]) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw error("unexpected character");
    }
    try {
      return Double.valueOf(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      throw error("bad number");
    }
  }

  private void skipSpace() {
    while (pos < end) {
      byte c = in[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + pos);
  }
}
