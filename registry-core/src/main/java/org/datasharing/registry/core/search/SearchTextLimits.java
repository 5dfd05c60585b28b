package org.datasharing.registry.core.search;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * What the free text of a dataset search may ask of Lucene. Terms that expand to many index terms
 * (fuzzy {@code ~}, wildcards {@code *} and {@code ?}, {@code /regexp/}) cost time in building
 * their automata, growing fast with the term's length (a fuzzy term of 300 CJK characters took
 * seconds; 400 failed with "Term too complex"), so they are capped in length and number; brackets
 * are capped in depth, since the parser recurses on them.
 */
final class SearchTextLimits {
  /** The longest fuzzy, wildcard or regular-expression term, in characters. */
  static final int MAX_EXPANDING_TERM_LENGTH = 50;

  /** The most fuzzy, wildcard or regular-expression terms in one search. */
  static final int MAX_EXPANDING_TERMS = 10;

  /** The most edits a fuzzy term may allow (also Lucene's own maximum). */
  static final int MAX_EDITS = 2;

  /** The deepest nesting of brackets. */
  static final int MAX_NESTING = 16;

  private SearchTextLimits() {}

  /** Why the text is refused before parsing, if it is. */
  static Optional<String> checkText(String q) {
    int depth = 0;
    int max = 0;
    boolean quoted = false;
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        max = Math.max(max, ++depth);
      } else if (!quoted && c == ')') {
        depth = Math.max(0, depth - 1);
      }
    }
    if (max > MAX_NESTING) {
      return Optional.of(
          "The search text nests brackets "
              + max
              + " deep; at most "
              + MAX_NESTING
              + " are allowed");
    }
    return Optional.empty();
  }

  /** Why the parsed query is refused, if it is. */
  static Optional<String> check(Query query) {
    Set<String> expanding = new HashSet<>();
    String[] problem = {null};
    query.visit(
        new QueryVisitor() {
          @Override
          public void consumeTermsMatching(
              Query q, String field, Supplier<ByteRunAutomaton> automaton) {
            if (problem[0] != null) {
              return;
            }
            String term = termOf(q);
            if (term.codePointCount(0, term.length()) > MAX_EXPANDING_TERM_LENGTH) {
              problem[0] =
                  "A fuzzy (~), wildcard (*, ?) or /regular expression/ term may be at most "
                      + MAX_EXPANDING_TERM_LENGTH
                      + " characters long; shorten '"
                      + abbreviate(term)
                      + "' or search for it without ~, * or ?";
            } else if (q instanceof FuzzyQuery f && f.getMaxEdits() > MAX_EDITS) {
              problem[0] = "A fuzzy term allows at most ~" + MAX_EDITS + " (edits)";
            } else {
              // the parser repeats each term for every field searched; count it once
              expanding.add(q.getClass().getSimpleName() + ":" + term);
              if (expanding.size() > MAX_EXPANDING_TERMS) {
                problem[0] =
                    "The search text has more than "
                        + MAX_EXPANDING_TERMS
                        + " fuzzy (~), wildcard (*, ?) or /regular expression/ terms";
              }
            }
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this;
          }
        });
    return Optional.ofNullable(problem[0]);
  }

  private static String termOf(Query q) {
    if (q instanceof FuzzyQuery f) {
      return f.getTerm().text();
    }
    if (q instanceof WildcardQuery w) {
      return w.getTerm().text();
    }
    if (q instanceof PrefixQuery p) {
      return p.getPrefix().text();
    }
    if (q instanceof RegexpQuery r) {
      return r.getRegexp().text();
    }
    return String.valueOf(q);
  }

  private static String abbreviate(String term) {
    return term.codePointCount(0, term.length()) <= 20
        ? term
        : term.substring(0, term.offsetByCodePoints(0, 20)) + "…";
  }
}
