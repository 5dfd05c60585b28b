package org.datasharing.registry.web.sparql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.datasharing.registry.core.sparql.SparqlService;
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

/**
 * The concurrency caps, configured small: a caller's query over their share and any query over the
 * total are refused at once with 429 and {@code Retry-After}, while other callers still answer.
 */
@SpringBootTest
@AutoConfigureMockMvc
// without the limits these tests hang for hours or exhaust memory: fail them instead
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SparqlConcurrencyTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
    r.add("registry.sparql.timeout", () -> "5s");
    r.add("registry.sparql.max-concurrent", () -> "2");
    r.add("registry.sparql.max-concurrent-per-caller", () -> "1");
  }

  /** Polynomial backtracking (n^8 per start position): runs until the timeout stops it. */
  static final String SLOW_REGEX =
      "SELECT ?s { BIND(\""
          + "a".repeat(5_000)
          + "\" AS ?s) FILTER(REGEX(?s, \".*.*.*.*.*.*.*.*b\")) }";

  static final String ASK = "ASK { ?s a <http://www.w3.org/ns/dcat#Dataset> }";

  @Autowired MockMvc mvc;
  @Autowired SparqlService sparql;

  @Test
  void excessQueriesFromOneAddress_get429_whileAnotherAddressStillAnswers() throws Exception {
    CompletableFuture<MockHttpServletResponse> attack = async("192.0.2.1", SLOW_REGEX);
    awaitRunning(1);

    MockHttpServletResponse refused = call("192.0.2.1", ASK);
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
    assertThat(refused.getContentType()).startsWith("application/problem+json");
    assertThat(refused.getContentAsString(UTF_8))
        .contains("https://w3id.org/dsr/problems/sparql-busy")
        .contains("You already have 1 queries running");

    MockHttpServletResponse other = call("192.0.2.2", ASK);
    assertThat(other.getStatus()).isEqualTo(200);
    assertThat(other.getContentAsString(UTF_8)).contains("true");

    assertThat(attack.get(15, TimeUnit.SECONDS).getStatus()).isEqualTo(503);
  }

  @Test
  void queriesOverTheTotal_get429_andAnswerOnceTheRunningOnesEnd() throws Exception {
    CompletableFuture<MockHttpServletResponse> first = async("192.0.2.11", SLOW_REGEX);
    CompletableFuture<MockHttpServletResponse> second = async("192.0.2.12", SLOW_REGEX);
    awaitRunning(2);

    MockHttpServletResponse refused = call("192.0.2.13", ASK);
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getContentAsString(UTF_8)).contains("maximum of 2 queries");

    assertThat(first.get(15, TimeUnit.SECONDS).getStatus()).isEqualTo(503);
    assertThat(second.get(15, TimeUnit.SECONDS).getStatus()).isEqualTo(503);
    awaitRunning(0);
    assertThat(call("192.0.2.13", ASK).getStatus()).isEqualTo(200);
  }

  void awaitRunning(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sparql.running() != n && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(sparql.running()).isEqualTo(n);
  }

  CompletableFuture<MockHttpServletResponse> async(String address, String query) {
    return CompletableFuture.supplyAsync(() -> call(address, query));
  }

  MockHttpServletResponse call(String address, String query) {
    try {
      return mvc.perform(
              get("/sparql")
                  .param("query", query)
                  .with(
                      request -> {
                        request.setRemoteAddr(address);
                        return request;
                      }))
          .andReturn()
          .getResponse();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
