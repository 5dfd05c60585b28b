package org.datasharing.registry.core.common;

import java.util.OptionalInt;

/**
 * Characters XML 1.0 can carry (tab, CR, LF, U+0020 to U+D7FF, U+E000 to U+FFFD, and supplementary
 * characters as surrogate pairs). Text outside that set cannot be written as RDF/XML at all, not
 * even as a character reference, so the registry refuses it on input and replaces it on output.
 */
public final class XmlText {
  private XmlText() {}

  /** The message a field gets when its text has a character outside that set. */
  public static final String MESSAGE =
      "Remove control characters (other than tab and line breaks) and non-characters from this"
          + " text";

  /**
   * A write that would store text XML 1.0 cannot carry. Thrown by {@code Change} as the last line
   * of defence; the services refuse such text earlier, by field.
   */
  public static final class IllegalText extends IllegalArgumentException {
    private final String field;

    public IllegalText(String field) {
      super(MESSAGE);
      this.field = field;
    }

    /** The local name of the property whose text was refused. */
    public String field() {
      return field;
    }
  }

  /** Where the first character XML 1.0 cannot carry is, if any. */
  public static OptionalInt firstIllegal(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // a well-formed pair: a supplementary character
        continue;
      }
      if (!legal(c)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  public static boolean isLegal(String s) {
    return firstIllegal(s).isEmpty();
  }

  /** The text with each character XML 1.0 cannot carry replaced by U+FFFD. */
  public static String legalised(String s) {
    if (isLegal(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(legal(c) ? c : '\uFFFD');
      }
    }
    return b.toString();
  }

  private static boolean legal(char c) {
    return c == '\t'
        || c == '\n'
        || c == '\r'
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD);
  }
}
