package org.datasharing.registry.core.sparql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.auditor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.sparql.SparqlProblem.Kind;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of the penetration test's finding 6, each stopped: deep nesting and bad regular
 * expressions refused before running, a runaway regular expression cancelled at the timeout,
 * strings that double until memory runs out refused at the string cap, and queries over the
 * concurrency caps refused at once. Timing assertions only bound from above, with a wide margin:
 * the unguarded versions of these queries run for hours or exhaust memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// without the limits these tests hang for hours or exhaust memory: fail them instead
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SparqlDenialOfServiceTest {
  /** Three unconstrained triple patterns: some 10^12 combinations to count on the sample data. */
  static final String CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

  /** Polynomial backtracking (n^8 per start position) that the shape screen lets through. */
  static final String SLOW_REGEX =
      "SELECT ?s { BIND(\""
          + "a".repeat(5_000)
          + "\" AS ?s) FILTER(REGEX(?s, \".*.*.*.*.*.*.*.*b\")) }";

  /** A generous bound on how long past the timeout a stopped query may take to answer. */
  static final Duration MARGIN = Duration.ofSeconds(4);

  @TempDir static Path dir;
  TestRegistry t;

  @BeforeAll
  void setUp() {
    t = new TestRegistry(dir);
  }

  @AfterAll
  void tearDown() {
    t.close();
  }

  SparqlService service(SparqlLimits limits) {
    return new SparqlService(t.store, t.registry.ids(), limits);
  }

  SparqlOutcome<SparqlResponse> run(SparqlService sparql, String query) {
    return sparql.execute(auditor(), SparqlRequest.of(query));
  }

  SparqlOutcome<SparqlResponse> run(String query) {
    return run(service(SparqlLimits.DEFAULTS), query);
  }

  // ------------------------------------------------------------------ nesting

  @Test
  void thousandDeepGroup_isTooComplex_notAStackOverflow() {
    var outcome = run("SELECT * WHERE " + "{".repeat(1_000) + " ?s ?p ?o " + "}".repeat(1_000));
    assertThat(outcome.problem().kind()).isEqualTo(Kind.TOO_COMPLEX);
    assertThat(outcome.problem().message()).contains("nested 1000 deep").contains("at most 64");
  }

  @Test
  void deepExpressionsPathsAndChains_areTooComplex() {
    List<String> deep =
        List.of(
            "SELECT * { ?s ?p ?o FILTER(" + "(".repeat(2_000) + "1" + ")".repeat(2_000) + ") }",
            "SELECT * { ?s " + "(".repeat(500) + "<urn:p>" + ")".repeat(500) + "+ ?o }",
            "SELECT * { ?s ?p ?o FILTER(" + "?o + ".repeat(5_000) + "1 > 0) }",
            "SELECT * { "
                + IntStream.range(0, 2_000)
                    .mapToObj(i -> "{ ?s <urn:p" + i + "> ?o }")
                    .collect(Collectors.joining(" UNION "))
                + " }",
            "SELECT * { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o } ".repeat(500) + "}");
    for (String q : deep) {
      var outcome = run(q);
      assertThat(outcome.problem()).as(q.substring(0, 40)).isNotNull();
      assertThat(outcome.problem().kind()).as(q.substring(0, 40)).isEqualTo(Kind.TOO_COMPLEX);
    }
  }

  @Test
  void thousandsOfTriplePatterns_areAnsweredOrRefused_neverAnError() {
    String patterns =
        IntStream.range(0, 3_000)
            .mapToObj(i -> "?s" + i + " <urn:p> ?o .")
            .collect(Collectors.joining(" "));
    var outcome = run("SELECT * { " + patterns + " }");
    assertThat(outcome.ok() || outcome.problem().kind() == Kind.TOO_COMPLEX)
        .as(String.valueOf(outcome.problem()))
        .isTrue();
  }

  @Test
  void oddQueries_getAnAnswerOrAProblem_neverAnException() {
    List<String> odd =
        List.of(
            "SELECT * { ?s ?p ?o FILTER(REGEX(?o, \"a\", \"z\")) } LIMIT 1",
            "SELECT * { ?s ?p ?o FILTER(REGEX(?o, \"\")) } LIMIT 1",
            "SELECT (REPLACE(STR(?o), \"\", \"x\") AS ?r) { ?s ?p ?o } LIMIT 1",
            "SELECT (REPLACE(\"abc\", \"(b)\", \"$9\") AS ?r) {}",
            "SELECT (REPLACE(\"abc\", \"b\", \"\\\\\") AS ?r) {}",
            "SELECT * { ?s ?p ?o FILTER(?o<?p && ?p<=?s) } LIMIT 1",
            "SELECT * { ?s ?p ?o FILTER(REGEX(?o, \"a{2,99999999999999999999}\")) }",
            "SELECT (99999999999999999999999999 * 99999999999999999999999 AS ?n) {}",
            "SELECT (<http://www.w3.org/2005/xpath-functions/math#pow>(\"x\", 3) AS ?n) {}",
            "SELECT (CONCAT() AS ?c) {}",
            "SELECT (GROUP_CONCAT(?o; separator=\"\") AS ?c) { ?s ?p ?o FILTER(false) }",
            "SELECT * { ?s <urn:p>{0,2} ?o } LIMIT 1",
            "SELECT * { \"unterminated }",
            "SELECT * { ?s ?p ?o # { { { {\n } LIMIT 1",
            "SELECT * { ?s ?p \"\"\"{{{{{{\"\"\" } LIMIT 1");
    for (String q : odd) {
      var outcome = run(q);
      assertThat(outcome.ok() || outcome.problem() != null).as(q).isTrue();
    }
  }

  @Test
  void ordinaryNesting_andTheQueryPack_stillRun() {
    assertThat(
            run("SELECT * { { { ?s ?p ?o } UNION { ?s ?p ?o } } FILTER((1 + 2) > 0) } LIMIT 1")
                .ok())
        .isTrue();
    var pack = QueryPack.load();
    var sparql = service(SparqlLimits.DEFAULTS);
    pack.entries()
        .forEach(
            q -> {
              var parsed = sparql.parse(q.text());
              assertThat(parsed.ok()).as(q.name() + ": " + parsed.problem()).isTrue();
            });
  }

  // ------------------------------------------------------------------ regular expressions

  @Test
  void regex_isRefused_whenTooLongComputedOrCatastrophic() {
    String tooLong = "a".repeat(300);
    assertRefused("SELECT * { ?s ?p ?o FILTER(REGEX(?o, \"" + tooLong + "\")) }", "300 characters");
    assertRefused("SELECT * { ?s ?p ?o FILTER(REGEX(?o, STR(?p))) }", "string literal");
    assertRefused("SELECT * { ?s ?p ?o FILTER(REGEX(?o, \"x\", ?f)) }", "string literal");
    assertRefused("SELECT * { ?s ?p ?o FILTER(REGEX(?o, \"(a+)+$\")) }", "(a+)+");
    assertRefused("SELECT * { ?s ?p ?o FILTER(REGEX(?o, \"(a)\\\\1\")) }", "back-reference");
    assertRefused(
        "SELECT (REPLACE(?o, \"(\\\\w+\\\\s?){2,}\", \"x\") AS ?r) { ?s ?p ?o }", "repeats");
    assertRefused("SELECT (REPLACE(?o, ?p, \"x\") AS ?r) { ?s ?p ?o }", "string literal");
    assertRefused(
        "PREFIX fn: <http://www.w3.org/2005/xpath-functions#>"
            + " SELECT * { ?s ?p ?o FILTER(fn:matches(?o, \"(x*)*y\")) }",
        "fn:matches");
    var invalid = run("SELECT * { ?s ?p ?o FILTER(REGEX(?o, \"(unclosed\")) }");
    assertThat(invalid.problem().kind()).isEqualTo(Kind.SYNTAX);
    assertThat(invalid.problem().message()).contains("Unclosed group");
  }

  void assertRefused(String query, String reason) {
    var outcome = run(query);
    assertThat(outcome.problem()).as(query).isNotNull();
    assertThat(outcome.problem().kind()).as(query).isEqualTo(Kind.TOO_COMPLEX);
    assertThat(outcome.problem().message()).as(query).contains(reason);
  }

  @Test
  void ordinaryRegexAndReplace_stillWork() {
    var outcome =
        run(
            "SELECT ?t (REPLACE(?t, \"[Hh]ealth\", \"care\") AS ?r) {"
                + " ?d <http://purl.org/dc/terms/title> ?t FILTER(REGEX(?t, \"^mental\", \"i\")) }");
    assertThat(outcome.ok()).as(String.valueOf(outcome.problem())).isTrue();
    assertThat(outcome.value().results()).isPositive();
    assertThat(new String(outcome.value().body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("Mental care");
  }

  @Test
  void xpathRegexFunctions_areGuardedLikeRegex_andTokenizeAndLongPathRepeatsRefused() {
    var limited = service(SparqlLimits.DEFAULTS.withTimeout(Duration.ofSeconds(1)));
    String slow =
        "PREFIX fn: <http://www.w3.org/2005/xpath-functions#> SELECT ?s { BIND(\""
            + "a".repeat(5_000)
            + "\" AS ?s) FILTER(fn:matches(?s, \".*.*.*.*.*.*.*.*b\")) }";
    long started = System.nanoTime();
    assertThat(run(limited, slow).problem().kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(Duration.ofSeconds(1).plus(MARGIN));
    awaitIdle(limited);
    assertThat(
            body(
                run(
                    "PREFIX fn: <http://www.w3.org/2005/xpath-functions#>"
                        + " SELECT (fn:replace(\"abc\", \"b\", \"x\") AS ?r)"
                        + " (fn:matches(\"abc\", \"^A\", \"i\") AS ?m) {}")))
        .contains("axc")
        .contains("true");
    assertRefused(
        "PREFIX fn: <http://www.w3.org/2005/xpath-functions#>"
            + " SELECT (fn:tokenize(\"a b\", \" \") AS ?t) {}",
        "fn:tokenize");
    assertRefused("SELECT * { ?s <urn:p>{1000000} ?o }", "repeats 1000000 times");
  }

  @Test
  void regexQuery_isCancelled_withinTimeoutPlusOneSecond() {
    var limited = service(SparqlLimits.DEFAULTS.withTimeout(Duration.ofSeconds(1)));
    long started = System.nanoTime();
    var outcome = run(limited, SLOW_REGEX);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(outcome.problem().kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(took).isLessThan(Duration.ofSeconds(1).plus(MARGIN));
    // the worker really stopped: its place is free again
    awaitIdle(limited);
  }

  // ------------------------------------------------------------------ string size

  @Test
  void concatDoubling_isRefused_atTheStringCap_withoutOutOfMemory() {
    StringBuilder q =
        new StringBuilder("SELECT (STRLEN(?a40) AS ?n) { BIND(\"0123456789\" AS ?a0)");
    for (int i = 1; i <= 40; i++) {
      q.append(" BIND(CONCAT(?a").append(i - 1).append(", ?a").append(i - 1).append(") AS ?a");
      q.append(i).append(")");
    }
    var outcome = run(q.append(" }").toString());
    assertThat(outcome.problem().kind()).isEqualTo(Kind.VALUE_TOO_LARGE);
    assertThat(outcome.problem().message()).contains("longer than 1000000 characters");
  }

  @Test
  void replaceAndEncodeGrowth_isRefused_atTheStringCap() {
    var small = service(SparqlLimits.DEFAULTS.withStringLength(10_000));
    String big = "a".repeat(1_000);
    assertThat(
            run(
                    small,
                    "SELECT (REPLACE(\"" + big + "\", \"a\", \"$0$0$0$0$0$0$0$0$0$0$0\") AS ?r) {}")
                .problem()
                .kind())
        .isEqualTo(Kind.VALUE_TOO_LARGE);
    // each é becomes %C3%A9: six times longer
    assertThat(
            run(small, "SELECT (ENCODE_FOR_URI(\"" + "é".repeat(5_000) + "\") AS ?r) {}")
                .problem()
                .kind())
        .isEqualTo(Kind.VALUE_TOO_LARGE);
    var outcome =
        run(small, "SELECT (GROUP_CONCAT(STR(?o); separator=\", \") AS ?all) { ?s ?p ?o }");
    assertThat(outcome.problem().kind()).isEqualTo(Kind.VALUE_TOO_LARGE);
    // under the cap the same functions answer
    assertThat(run(small, "SELECT (CONCAT(\"a\", \"b\") AS ?r) {}").ok()).isTrue();
    assertThat(run(small, "SELECT (GROUP_CONCAT(?o) AS ?all) { VALUES ?o { \"a\" \"b\" } }").ok())
        .isTrue();
  }

  @Test
  void bigNumberArithmetic_isRefused_beforeItRuns() {
    String math = "PREFIX math: <http://www.w3.org/2005/xpath-functions/math#> ";
    List<String> attacks =
        List.of(
            math + "SELECT (math:pow(10, 2000000000) AS ?x) {}",
            math + "SELECT (math:exp10(1000000000) AS ?x) {}",
            doubling("99999999999", "?a%d * ?a%d"),
            doubling("0.1", "?a%d * ?a%d"));
    for (String q : attacks) {
      long started = System.nanoTime();
      var outcome = run(q);
      assertThat(outcome.problem()).as(q).isNotNull();
      assertThat(outcome.problem().kind()).as(q).isEqualTo(Kind.VALUE_TOO_LARGE);
      assertThat(outcome.problem().message()).contains("more than 10000 digits");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MARGIN);
    }
    assertThat(body(run(math + "SELECT (math:pow(2, 10) AS ?x) (6 * 7 AS ?y) {}")))
        .contains("1024")
        .contains("42");
  }

  @Test
  void libraryFunctions_stillWork_butJavaFunctionsAndPropertyFunctionsDoNot() {
    String fn = "PREFIX fn: <http://www.w3.org/2005/xpath-functions#> ";
    assertThat(body(run(fn + "SELECT (fn:upper-case(fn:concat(\"a\", \"b\")) AS ?x) {}")))
        .contains("AB");
    var java =
        run("SELECT (<java:org.apache.jena.sparql.function.library.Math_pow>(2, 3) AS ?x) {}");
    assertThat(java.problem().kind()).isEqualTo(Kind.TOO_COMPLEX);
    assertThat(java.problem().message()).contains("java:");
    // apf:strSplit would split with this pattern unguarded; here it is an ordinary predicate
    var split =
        run(
            "PREFIX apf: <http://jena.apache.org/ARQ/property#> SELECT ?x {"
                + " ?x apf:strSplit (\""
                + "a".repeat(5_000)
                + "\" \"(.*.*.*.*.*.*.*.*b)\") }");
    assertThat(split.ok()).as(String.valueOf(split.problem())).isTrue();
    assertThat(split.value().results()).isZero();
  }

  static String doubling(String start, String step) {
    StringBuilder q = new StringBuilder("SELECT (STR(?a40) AS ?n) { BIND(" + start + " AS ?a0)");
    for (int i = 1; i <= 40; i++) {
      q.append(" BIND(").append(String.format(step, i - 1, i - 1)).append(" AS ?a").append(i);
      q.append(")");
    }
    return q.append(" }").toString();
  }

  static String body(SparqlOutcome<SparqlResponse> outcome) {
    assertThat(outcome.ok()).as(String.valueOf(outcome.problem())).isTrue();
    return new String(outcome.value().body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void answerWithTooMuchText_isRefused_evenUnderTheRowCap() {
    var small = service(SparqlLimits.DEFAULTS.withStringLength(10_000));
    String chunk = "x".repeat(5_000);
    var outcome =
        run(
            small,
            "SELECT ?x { ?s ?p ?o BIND(CONCAT(\"" + chunk + "\", STR(?s)) AS ?x) } LIMIT 100");
    assertThat(outcome.problem().kind()).isEqualTo(Kind.TOO_MANY_RESULTS);
    assertThat(outcome.problem().message()).contains("more than 160000 characters of text");
  }

  @Test
  void describeOfEverything_isRefusedAtTheCap_asItIsBuilt() {
    var capped = service(new SparqlLimits(Duration.ofSeconds(30), 20, 65_536));
    var outcome = run(capped, "DESCRIBE ?s WHERE { ?s ?p ?o }");
    assertThat(outcome.problem().kind()).isEqualTo(Kind.TOO_MANY_RESULTS);
    assertThat(outcome.problem().message()).contains("more than 20 triples");
    assertThat(run(capped, "DESCRIBE <organisation/northshire-police>").ok()).isTrue();
  }

  @Test
  void orderByWithoutLimit_isRefusedForItsSize_andAPageStillAnswers() {
    // the endpoint adds LIMIT cap + 1, so ORDER BY keeps the top rows only (TopN) instead of
    // sorting every solution in memory before the cap is checked
    var capped = service(new SparqlLimits(Duration.ofSeconds(30), 20, 65_536));
    var outcome =
        run(
            capped,
            "SELECT ?a ?d { ?a ?b ?c . ?d a <http://www.w3.org/ns/dcat#Dataset> } ORDER BY ?c ?d");
    assertThat(outcome.problem().kind()).isEqualTo(Kind.TOO_MANY_RESULTS);
    assertThat(outcome.problem().message()).contains("more than 20 rows");
    assertThat(run(capped, "SELECT ?a { ?a ?b ?c } ORDER BY ?c LIMIT 20").ok()).isTrue();
    assertThat(run(capped, "SELECT ?a { ?a ?b ?c } ORDER BY ?c LIMIT 100 OFFSET 5").ok()).isFalse();
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void queriesOverTheTotalCap_areRefusedAtOnce_andAnswerAgainAfterwards() throws Exception {
    var sparql =
        service(SparqlLimits.DEFAULTS.withTimeout(Duration.ofSeconds(4)).withConcurrency(1, 1));
    CompletableFuture<SparqlOutcome<SparqlResponse>> slow =
        CompletableFuture.supplyAsync(() -> run(sparql, CARTESIAN));
    awaitRunning(sparql, 1);
    var refused =
        sparql.execute(TestRegistry.partner(TestRegistry.ICB), SparqlRequest.of("ASK {}"));
    assertThat(refused.problem().kind()).isEqualTo(Kind.BUSY);
    assertThat(refused.problem().message()).contains("maximum of 1 queries");
    assertThat(slow.get(20, TimeUnit.SECONDS).problem().kind()).isEqualTo(Kind.TIMEOUT);
    awaitIdle(sparql);
    assertThat(run(sparql, "ASK {}").ok()).isTrue();
  }

  @Test
  void aCallersSecondQuery_isRefused_whileAnotherCallersStillAnswers() throws Exception {
    var sparql =
        service(SparqlLimits.DEFAULTS.withTimeout(Duration.ofSeconds(4)).withConcurrency(4, 1));
    Actor anonymous =
        new Actor("anonymous", "anonymous", java.util.Optional.empty(), java.util.Set.of());
    CompletableFuture<SparqlOutcome<SparqlResponse>> slow =
        CompletableFuture.supplyAsync(
            () -> sparql.execute(anonymous, "address:192.0.2.1", SparqlRequest.of(SLOW_REGEX)));
    awaitRunning(sparql, 1);
    var same = sparql.execute(anonymous, "address:192.0.2.1", SparqlRequest.of("ASK {}"));
    assertThat(same.problem().kind()).isEqualTo(Kind.BUSY);
    assertThat(same.problem().message()).contains("You already have 1 queries running");
    var other = sparql.execute(anonymous, "address:192.0.2.2", SparqlRequest.of("ASK {}"));
    assertThat(other.ok()).isTrue();
    assertThat(slow.get(20, TimeUnit.SECONDS).problem().kind()).isEqualTo(Kind.TIMEOUT);
  }

  @Test
  void runningQueries_areStopped_whenTheHeapRunsShort() throws Exception {
    var sparql = service(SparqlLimits.DEFAULTS.withTimeout(Duration.ofSeconds(60)));
    CompletableFuture<SparqlOutcome<SparqlResponse>> heavy =
        CompletableFuture.supplyAsync(() -> run(sparql, CARTESIAN));
    awaitRunning(sparql, 1);
    // what HeapPressure does when the heap is still nearly full after a collection
    sparql.shed();
    var outcome = heavy.get(MARGIN.toSeconds(), TimeUnit.SECONDS);
    assertThat(outcome.problem().kind()).isEqualTo(Kind.OVERLOADED);
    assertThat(outcome.problem().message()).contains("short of memory");
    awaitIdle(sparql);
    assertThat(run(sparql, "ASK {}").ok()).isTrue();
  }

  static void awaitRunning(SparqlService sparql, int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sparql.running() < n && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(sparql.running()).isEqualTo(n);
  }

  static void awaitIdle(SparqlService sparql) {
    long until = System.nanoTime() + MARGIN.toNanos();
    while (sparql.running() > 0 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(sparql.running()).isZero();
  }
}
