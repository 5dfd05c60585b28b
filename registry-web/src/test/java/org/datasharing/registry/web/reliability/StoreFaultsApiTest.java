package org.datasharing.registry.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.datasharing.registry.core.support.FaultyStore;
import org.datasharing.registry.core.support.FaultyStore.Point;
import org.datasharing.registry.web.AuthorizationMatrixTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every operation of the OpenAPI document with the store failing on its first read and on its first
 * commit: 503 problem+json without a stack trace, the store unchanged, and the next call answered
 * as usual.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StoreFaultsApiTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("unused").toString());
    r.add("registry.store.backup-dir", () -> dir.resolve("backups").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
    // the registry's scheduled work (lifecycle ticks, reminders, dispatch) writes on its own
    // clock; held off here, so what changes in the store is what the requests did
    r.add("registry.lifecycle.initial-delay", () -> "PT1H");
    r.add("registry.notifications.initial-delay", () -> "PT1H");
    r.add("registry.notifications.reminders-initial-delay", () -> "PT1H");
  }

  @TestConfiguration
  static class Faults {
    @Bean(destroyMethod = "close")
    @Primary
    FaultyStore faultyStore() {
      return new FaultyStore(TdbRegistryStore.open(dir.resolve("tdb2")));
    }
  }

  @Autowired MockMvc mvc;
  @Autowired org.datasharing.registry.core.audit.LogVerifications verifications;
  @Autowired FaultyStore faulty;

  /** Someone the operation is meant for, so the call gets as far as the store. */
  static String caller(String path) {
    if (path.startsWith("/api/admin") || path.startsWith("/api/organisations")) {
      return "admin";
    }
    if (path.startsWith("/api/audit") || path.startsWith("/sparql")) {
      return "auditor";
    }
    if (path.startsWith("/api/datasets")) {
      return "dpo.council";
    }
    return "dpo.trust";
  }

  /** A query the auditors' SPARQL endpoint runs over the whole store. */
  static final String QUERY = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }";

  static MockHttpServletRequestBuilder call(OpenApiOperations.Operation op) {
    MockHttpServletRequestBuilder b =
        request(HttpMethod.valueOf(op.method()), op.samplePath())
            .with(
                AuthorizationMatrixTest.token(
                    caller(op.template()),
                    AuthorizationMatrixTest.USERS.get(caller(op.template()))));
    if (op.template().equals("/sparql")) {
      // a query, so the call reaches the store (GET with the parameter, POST as a form)
      return op.method().equals("GET")
          ? b.param("query", QUERY)
          : b.contentType("application/x-www-form-urlencoded").param("query", QUERY);
    }
    if (op.hasBody()) {
      String type = op.bodyType() == null ? "application/json" : op.bodyType();
      b = b.contentType(type).content(type.contains("json") ? "{}" : "");
    }
    return b;
  }

  @Test
  void everyOperation_answers503ProblemJson_whenTheStoreFails_andTheNextCallWorks()
      throws Exception {
    List<String> problems = new ArrayList<>();
    int faults = 0;
    List<OpenApiOperations.Operation> ops =
        new ArrayList<>(OpenApiOperations.read(mvc).operations());
    // the DCAT catalogue for harvesters is not in the REST document but reads the store too
    ops.add(new OpenApiOperations.Operation("GET", "/catalog", List.of(), false, null));
    // the auditors' SPARQL endpoint, if the document leaves it out, reads the store too
    for (String method : List.of("GET", "POST")) {
      if (ops.stream().noneMatch(o -> o.key().equals(method + " /sparql"))) {
        ops.add(new OpenApiOperations.Operation(method, "/sparql", List.of(), false, null));
      }
    }
    for (var op : ops) {
      // starting a verification only reads on the request's thread: its writes (the result's
      // event, the verified marks) are the background worker's, not the call's
      List<Point> points =
          op.method().equals("GET") || op.key().equals("POST /api/audit/verifications")
              ? List.of(Point.READ)
              : List.of(Point.READ, Point.BEFORE_COMMIT, Point.DURING_WRITE);
      for (Point point : points) {
        Set<String> before = snapshot();
        // a read is counted on this thread only (MockMvc answers on it): the registry's
        // background readers must not take the fault in the request's place
        if (point == Point.READ) {
          faulty.armOn(requestThreads(), point, 1);
        } else {
          faulty.arm(point, 1);
        }
        MockHttpServletResponse r = mvc.perform(call(op)).andReturn().getResponse();
        boolean fired = faulty.fired();
        faulty.disarm();
        // a verification started by the call keeps its result as an event when it ends (after
        // its 202): let it end before the store is compared
        verifications.awaitIdle(java.time.Duration.ofSeconds(60));
        if (!fired) {
          continue; // answered before reaching the store (validation, refusal, no commit)
        }
        faults++;
        String what = op.key() + " with " + point;
        String body = r.getContentAsString();
        if (r.getStatus() != 503
            || r.getContentType() == null
            || !r.getContentType().startsWith("application/problem+json")
            || r.getHeader("Retry-After") == null) {
          problems.add(what + ": " + r.getStatus() + " " + r.getContentType() + " " + body);
        }
        if (body.contains("Exception") || body.contains("at org.") || body.contains("java.")) {
          problems.add(what + ": a class name or stack trace in " + body);
        }
        if (!snapshot().equals(before)) {
          problems.add(what + ": the store changed");
        }
        MockHttpServletResponse next = mvc.perform(call(op)).andReturn().getResponse();
        verifications.awaitIdle(java.time.Duration.ofSeconds(60));
        if (next.getStatus() >= 500 && next.getContentAsString().contains("store")) {
          problems.add(what + ": the next call failed too: " + next.getStatus());
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(faults).isGreaterThan(30);
    assertThat(
            mvc.perform(
                    request(HttpMethod.GET, "/api/audit/verify")
                        .with(
                            AuthorizationMatrixTest.token(
                                "auditor", AuthorizationMatrixTest.USERS.get("auditor"))))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("\"intact\":true");
  }

  /**
   * Regression: the SPARQL endpoint and backups read TDB2 outside the store port, so a store fault
   * there was an internal error (and with the store decorated, neither reached the store at all).
   * Both now read through the port: the fault reaches them and is answered 503 with Retry-After.
   */
  @Test
  void sparqlAndBackups_answer503WithRetryAfter_whenTheStoreFailsToRead_andTheNextCallWorks()
      throws Exception {
    var sparql = new OpenApiOperations.Operation("GET", "/sparql", List.of(), false, null);
    var backup =
        new OpenApiOperations.Operation("POST", "/api/admin/backups", List.of(), false, null);
    for (var op : List.of(sparql, backup)) {
      faulty.armOn(requestThreads(), Point.READ, 1);
      MockHttpServletResponse failed = mvc.perform(call(op)).andReturn().getResponse();
      boolean fired = faulty.fired();
      faulty.disarm();

      assertThat(fired).as(op.key() + " reads the store through the port").isTrue();
      assertThat(failed.getStatus()).as(op.key()).isEqualTo(503);
      assertThat(failed.getContentType()).startsWith("application/problem+json");
      assertThat(failed.getHeader("Retry-After")).isNotNull();
      assertThat(failed.getContentAsString()).doesNotContain("Exception", "at org.", "java.");

      MockHttpServletResponse next = mvc.perform(call(op)).andReturn().getResponse();
      assertThat(next.getStatus()).as(op.key() + " next call").isIn(200, 201);
    }
  }

  /**
   * The threads a request's reads run on: MockMvc answers on this one, and the SPARQL endpoint runs
   * each query on one of its workers.
   */
  static java.util.function.Predicate<Thread> requestThreads() {
    Thread request = Thread.currentThread();
    return t -> t == request || t.getName().startsWith("sparql-query-");
  }

  /** How many quads the store holds, and its log's size. */
  Set<String> snapshot() {
    RegistryStore raw = faulty.delegate();
    // the registry's own background bookkeeping (the scheduler's lease, notification delivery) is
    // written while the test runs; every other graph, and the log, must stay as they were
    var count =
        QueryFactory.create(
            "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER (?g NOT IN (<"
                + org.datasharing.registry.ontology.vocab.Graphs.NS
                + "leases>, <"
                + org.datasharing.registry.ontology.vocab.Graphs.NS
                + "outbox>)) }");
    return Set.of(
        "quads " + raw.select(count).get(0).get(Var.alloc("n")), "log " + raw.logHead().size());
  }
}
