package org.datasharing.registry.core.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader (RFC 8259) on the JDK alone, so that the offline verifier runs from the
 * registry-core jar without any other library: objects are maps, arrays lists, numbers {@link Long}
 * or {@link Double}.
 */
final class MiniJson {
  private final String text;
  private int at;

  private MiniJson(String text) {
    this.text = text;
  }

  /** The value of a JSON text; IllegalArgumentException if it is not JSON. */
  static Object parse(String text) {
    MiniJson p = new MiniJson(text);
    Object v = p.value();
    p.space();
    if (p.at != text.length()) {
      throw p.error("text after the value");
    }
    return v;
  }

  private Object value() {
    space();
    if (at >= text.length()) {
      throw error("a value");
    }
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> word("true", Boolean.TRUE);
      case 'f' -> word("false", Boolean.FALSE);
      case 'n' -> word("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    at++;
    space();
    if (peek('}')) {
      at++;
      return m;
    }
    while (true) {
      space();
      if (!peek('"')) {
        throw error("a member name");
      }
      String name = string();
      space();
      expect(':');
      m.put(name, value());
      space();
      if (peek(',')) {
        at++;
      } else {
        expect('}');
        return m;
      }
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    at++;
    space();
    if (peek(']')) {
      at++;
      return l;
    }
    while (true) {
      l.add(value());
      space();
      if (peek(',')) {
        at++;
      } else {
        expect(']');
        return l;
      }
    }
  }

  private String string() {
    StringBuilder s = new StringBuilder();
    at++;
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return s.toString();
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      if (at >= text.length()) {
        break;
      }
      char e = text.charAt(at++);
      switch (e) {
        case '"', '\\', '/' -> s.append(e);
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'n' -> s.append('\n');
        case 'r' -> s.append('\r');
        case 't' -> s.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("four hex digits");
          }
          s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw error("an escape");
      }
    }
    throw error("the end of a string");
  }

  private Object number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String n = text.substring(start, at);
    try {
      return n.contains(".") || n.contains("e") || n.contains("E")
          ? (Object) Double.parseDouble(n)
          : (Object) Long.parseLong(n);
    } catch (NumberFormatException e) {
      throw error("a value");
    }
  }

  private Object word(String w, Object v) {
    if (!text.startsWith(w, at)) {
      throw error(w);
    }
    at += w.length();
    return v;
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("'" + c + "'");
    }
    at++;
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException("not JSON: expected " + expected + " at character " + at);
  }
}
