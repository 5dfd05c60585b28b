package org.datasharing.registry.web.sparql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The endpoint's limits, configured small: a runaway query is cancelled, others still answer. */
@SpringBootTest
@AutoConfigureMockMvc
class SparqlLimitsTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
    r.add("registry.sparql.timeout", () -> "200ms");
    r.add("registry.sparql.max-results", () -> "20");
  }

  /** Three unconstrained triple patterns: some 10^12 combinations to count on the sample data. */
  static final String CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

  @Autowired MockMvc mvc;

  @Test
  void cartesianProduct_isCancelledAtTheTimeout_whileAConcurrentQueryStillAnswers()
      throws Exception {
    CompletableFuture<MockHttpServletResponse> slow =
        CompletableFuture.supplyAsync(() -> call(CARTESIAN));
    MockHttpServletResponse fast = call("ASK { ?s a <http://www.w3.org/ns/dcat#Dataset> }");
    assertThat(fast.getStatus()).isEqualTo(200);
    assertThat(fast.getContentAsString(UTF_8)).contains("true");

    MockHttpServletResponse cancelled = slow.get();
    assertThat(cancelled.getStatus()).isEqualTo(503);
    assertThat(cancelled.getContentType()).startsWith("application/problem+json");
    assertThat(cancelled.getContentAsString(UTF_8))
        .contains("timed out after 200 ms")
        .contains("https://w3id.org/dsr/problems/sparql-timeout");
  }

  @Test
  void answerOverTheResultCap_isAProblem_butAPageIsNot() throws Exception {
    MockHttpServletResponse all = call("SELECT * { ?s ?p ?o }");
    assertThat(all.getStatus()).isEqualTo(422);
    assertThat(all.getContentAsString(UTF_8)).contains("more than 20 rows").contains("LIMIT");
    assertThat(call("SELECT * { ?s ?p ?o } LIMIT 20").getStatus()).isEqualTo(200);
  }

  /** Polynomial backtracking (n^8 per start position): hours for one match without the guard. */
  static final String SLOW_REGEX =
      "SELECT ?s { BIND(\""
          + "a".repeat(5_000)
          + "\" AS ?s) FILTER(REGEX(?s, \".*.*.*.*.*.*.*.*b\")) }";

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void regexQuery_isCancelledAtTheTimeout_whileAConcurrentQueryStillAnswers() throws Exception {
    long started = System.nanoTime();
    CompletableFuture<MockHttpServletResponse> slow =
        CompletableFuture.supplyAsync(() -> call(SLOW_REGEX));
    MockHttpServletResponse fast = call("ASK { ?s a <http://www.w3.org/ns/dcat#Dataset> }");
    assertThat(fast.getStatus()).isEqualTo(200);

    MockHttpServletResponse cancelled = slow.get(10, TimeUnit.SECONDS);
    // a generous bound: the timeout is 200 ms, and the unguarded match runs for hours
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(cancelled.getStatus()).isEqualTo(503);
    assertThat(cancelled.getContentAsString(UTF_8)).contains("timed out after 200 ms");
  }

  @Test
  void thousandDeepGroup_answers422NamingTheQuery_not500() throws Exception {
    MockHttpServletResponse r =
        call("SELECT * WHERE " + "{".repeat(1_000) + " ?s ?p ?o " + "}".repeat(1_000));
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentType()).startsWith("application/problem+json");
    assertThat(r.getContentAsString(UTF_8))
        .contains("https://w3id.org/dsr/problems/sparql-too-complex")
        .contains("\"field\":\"query\"")
        .contains("nested 1000 deep");
  }

  @Test
  void catastrophicRegex_answers422_beforeRunning() throws Exception {
    MockHttpServletResponse r = call("ASK { ?s ?p ?o FILTER(REGEX(?o, \"^(a+)+$\")) }");
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString(UTF_8)).contains("(a+)+").contains("\"field\":\"query\"");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void concatDoubling_answers422_withoutOutOfMemory() throws Exception {
    // a 5,000-character seed reaches the cap in 8 doublings: little work before the refusal, so
    // the test's short timeout (200 ms) is not what ends it on a busy machine
    StringBuilder q = new StringBuilder("ASK { BIND(\"" + "0123456789".repeat(500) + "\" AS ?a0)");
    for (int i = 1; i <= 40; i++) {
      q.append(" BIND(CONCAT(?a").append(i - 1).append(", ?a").append(i - 1).append(") AS ?a");
      q.append(i).append(")");
    }
    MockHttpServletResponse r = call(q.append(" }").toString());
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString(UTF_8))
        .contains("https://w3id.org/dsr/problems/sparql-value-too-large")
        .contains("longer than 1000000 characters");
  }

  MockHttpServletResponse call(String query) {
    try {
      return mvc.perform(get("/sparql").param("query", query)).andReturn().getResponse();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
