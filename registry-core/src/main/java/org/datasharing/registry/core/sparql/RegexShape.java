package org.datasharing.registry.core.sparql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Finds the regular-expression shapes that make a backtracking matcher (Java's) take exponential
 * time on a string that almost matches: a group that repeats and holds something that repeats
 * ({@code (a+)+}, {@code (a*b?)*}, {@code (\w+\s?){2,}}), and back-references ({@code \1}, {@code
 * \k<name>}). It is a screen, not a proof: anything slow it lets through is still stopped at the
 * query's timeout.
 */
final class RegexShape {
  private RegexShape() {}

  /** Why the pattern is refused, or empty if it looks safe. */
  static Optional<String> dangerous(String pattern) {
    // one frame per open group: whether something inside it repeats
    Deque<boolean[]> groups = new ArrayDeque<>();
    groups.push(new boolean[1]);
    int n = pattern.length();
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      boolean closedRepeatingGroup = false;
      switch (c) {
        case '\\' -> {
          if (i + 1 < n) {
            char e = pattern.charAt(i + 1);
            if ((e >= '1' && e <= '9') || e == 'k') {
              return Optional.of(
                  "uses a back-reference (\\" + e + "), which can take exponential time");
            }
            if (e == 'Q') {
              int end = pattern.indexOf("\\E", i + 2);
              i = end < 0 ? n : end + 1;
            } else {
              i++;
            }
          }
        }
        case '[' -> i = endOfClass(pattern, i);
        case '(' -> groups.push(new boolean[1]);
        case ')' -> {
          if (groups.size() > 1) {
            closedRepeatingGroup = groups.pop()[0];
          }
        }
        default -> {}
      }
      int quantifierEnd = repeatingQuantifier(pattern, i + 1);
      if (quantifierEnd > i) {
        if (closedRepeatingGroup) {
          return Optional.of(
              "repeats a group that itself repeats (like (a+)+), which can take exponential time;"
                  + " repeat only one of them");
        }
        groups.peek()[0] = true;
        i = quantifierEnd;
      } else if (closedRepeatingGroup) {
        groups.peek()[0] = true;
      }
    }
    return Optional.empty();
  }

  /**
   * If a quantifier that allows more than one repetition ({@code *}, {@code +}, {@code {n,}},
   * {@code {n,m}} with m above 1) starts at {@code at}, the index of its last character (with a
   * lazy or possessive suffix); else -1.
   */
  private static int repeatingQuantifier(String p, int at) {
    if (at >= p.length()) {
      return -1;
    }
    char c = p.charAt(at);
    int end;
    if (c == '*' || c == '+') {
      end = at;
    } else if (c == '{') {
      int close = p.indexOf('}', at);
      if (close < 0) {
        return -1;
      }
      String body = p.substring(at + 1, close);
      if (!body.matches("\\d+(,\\d*)?")) {
        return -1;
      }
      int comma = body.indexOf(',');
      String most = comma < 0 ? body : body.substring(comma + 1);
      if (!most.isEmpty() && atMostOne(most)) {
        return -1;
      }
      end = close;
    } else {
      return -1;
    }
    if (end + 1 < p.length() && (p.charAt(end + 1) == '?' || p.charAt(end + 1) == '+')) {
      end++;
    }
    return end;
  }

  // whether a repetition count is 0 or 1 (any digits: counts too large for a long repeat)
  private static boolean atMostOne(String digits) {
    String n = digits.replaceFirst("^0+(?=.)", "");
    return n.equals("0") || n.equals("1");
  }

  // the index of the ']' that closes the character class opened at start
  private static int endOfClass(String p, int start) {
    int i = start + 1;
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    if (i < p.length() && p.charAt(i) == ']') {
      i++;
    }
    int depth = 1;
    for (; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    return p.length();
  }
}
