package dev.lambdalogs.extension.util;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader. The extension carries no JSON library: each one costs class loading on
 * every cold start, and the extension only needs to read a few fields and to find where values begin
 * and end, so that events are shipped byte for byte as Lambda sent them.
 */
public final class Json {
  private final String text;
  private int pos;

  public Json(String text) {
    this.text = text;
  }

  /** Parses a whole document into maps, lists, strings, doubles, booleans and nulls. */
  public static Object parse(String text) {
    Json json = new Json(text);
    Object value = json.readValue();
    json.expectEnd();
    return value;
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
            out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
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

  public String text() {
    return text;
  }

  public char peek() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos);
  }

  public void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  /** After '[' or '{' (or a previous element): true when another element follows, consuming the ','. */
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
    if (pos != text.length()) {
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
    expect('"');
    StringBuilder out = null;
    int start = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out == null ? text.substring(start, pos - 1) : out.toString();
      }
      if (c == '\\') {
        if (out == null) {
          out = new StringBuilder().append(text, start, pos - 1);
        }
        out.append(unescape());
      } else if (c < 0x20) {
        throw error("control character in string");
      } else if (out != null) {
        out.append(c);
      }
    }
  }

  /** Local copies of the text, its length and the position: the loop runs over every character read. */
  private void skipString() {
    expect('"');
    String s = text;
    int end = s.length();
    int i = pos;
    while (i < end) {
      char c = s.charAt(i++);
      if (c == '"') {
        pos = i;
        return;
      }
      if (c == '\\') {
        pos = i;
        unescape();
        i = pos;
      } else if (c < 0x20) {
        pos = i;
        throw error("control character in string");
      }
    }
    pos = i;
    throw error("unterminated string");
  }

  private char unescape() {
    if (pos >= text.length()) {
      throw error("unterminated escape");
    }
    char c = text.charAt(pos++);
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> {
        if (pos + 4 > text.length()) {
          throw error("short unicode escape");
        }
        try {
          char u = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
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
    if (!text.startsWith(word, pos)) {
      throw error("unexpected token");
    }
    pos += word.length();
    return value;
  }

  private Double readNumber() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw error("unexpected character");
    }
    try {
      return Double.valueOf(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error("bad number");
    }
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
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
