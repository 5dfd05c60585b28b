package org.datasharing.registry.core.sparql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.jena.query.QueryCancelledException;
import org.junit.jupiter.api.Test;

/** The regular-expression screen and the deadline a match reads its text through. */
class SparqlRegexShapeTest {

  @Test
  void nestedRepeatsAndBackReferences_areDangerous() {
    for (String p :
        List.of(
            "(a+)+",
            "(a*)*",
            "^(a+)+$",
            "(\\w+\\s?){2,}",
            "((ab)*c)+",
            "(a|b+)*",
            "(?:x+y?)+",
            "(a+){3}",
            "(a+){2,99999999999999999999}",
            "(a)\\1",
            "(?<n>a)\\k<n>")) {
      assertThat(RegexShape.dangerous(p)).as(p).isPresent();
    }
  }

  @Test
  void ordinaryPatterns_areNot() {
    for (String p :
        List.of(
            "^abc$",
            "[a-z]+",
            "(ab)+",
            "(?:foo|bar)*",
            "a{2,3}",
            "(a{1})+",
            "(a{0,1})+",
            "(a{001})*",
            "(a?)+",
            "\\(a+\\)+",
            "[(a+)]+",
            "\\Q(a+)+\\E",
            "^mental",
            "\\d{4}-\\d{2}-\\d{2}",
            ".*.*b")) {
      assertThat(RegexShape.dangerous(p)).as(p).isEmpty();
    }
  }

  @Test
  void aMatchPastTheDeadline_isCancelled_notLeftRunning() {
    QueryGuard guard = new QueryGuard(Duration.ofMillis(200).toNanos(), 1_000);
    CharSequence text = guard.chars("a".repeat(5_000));
    long started = System.nanoTime();
    assertThatThrownBy(() -> Pattern.compile(".*.*.*.*.*.*.*.*b").matcher(text).find())
        .isInstanceOf(QueryCancelledException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aCancelledGuard_stopsTheNextCheck() {
    QueryGuard guard = new QueryGuard(Duration.ofMinutes(1).toNanos(), 1_000);
    guard.check();
    guard.cancel(QueryGuard.Reason.TIMEOUT);
    assertThatThrownBy(guard::check).isInstanceOf(QueryCancelledException.class);
    assertThatThrownBy(() -> guard.checkLength(1_001))
        .isInstanceOf(QueryGuard.TooLarge.class)
        .hasMessageContaining("longer than 1000 characters");
  }
}
