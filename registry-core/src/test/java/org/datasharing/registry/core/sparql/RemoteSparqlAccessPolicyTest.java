package org.datasharing.registry.core.sparql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.auditor;
import static org.datasharing.registry.core.support.TestRegistry.dpo;

import java.nio.file.Path;
import java.time.Duration;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.sparql.SparqlProblem.Kind;
import org.datasharing.registry.core.store.SparqlRegistryStore;
import org.datasharing.registry.core.support.InProcessFuseki;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every escape case of {@link SparqlAccessPolicyTest} against a remote store (an in-process
 * Fuseki), plus what only a remote store has: a query past its timeout is stopped on the store too,
 * and a store that does not answer gives a problem, not an error.
 */
class RemoteSparqlAccessPolicyTest extends SparqlAccessPolicyTest {
  InProcessFuseki fuseki;

  @Override
  TestRegistry open(Path dir) {
    fuseki = InProcessFuseki.withSampleData(dir);
    return fuseki.registry();
  }

  @AfterAll
  void stopFuseki() {
    fuseki.close();
  }

  @Test
  void service_isRefused_onTheRemoteStoreToo() {
    var outcome =
        sparql.execute(
            auditor(),
            SparqlRequest.of("SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }"));
    assertThat(outcome.problem().kind()).isEqualTo(Kind.REFUSED);
  }

  @Test
  void queryPastTheTimeout_isCancelledOnTheStore_notOnlyAbandoned() throws Exception {
    var limited =
        new SparqlService(
            t.registry.store(),
            t.registry.ids(),
            SparqlLimits.DEFAULTS.withTimeout(Duration.ofSeconds(1)));
    int before = fuseki.queryTimeouts().size();
    long started = System.nanoTime();
    var outcome =
        limited.execute(
            dpo(COUNCIL),
            SparqlRequest.of("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(outcome.problem().kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(took).isLessThan(Duration.ofSeconds(1).plus(SparqlDenialOfServiceTest.MARGIN));
    // every request the store got carried the time left (whole seconds, rounded up), so the store
    // itself stops it at the deadline
    var sent = fuseki.queryTimeouts().subList(before, fuseki.queryTimeouts().size());
    assertThat(sent).isNotEmpty().allSatisfy(s -> assertThat(s).isEqualTo("1"));
    // and nothing is still running there once the caller has its answer
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (fuseki.runningQueries() > 0 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(fuseki.runningQueries()).isZero();
    SparqlDenialOfServiceTest.awaitIdle(limited);
  }

  @Test
  void storeThatDoesNotAnswer_isUnavailable_notAnError() {
    var nowhere =
        new SparqlService(
            new SparqlRegistryStore(SparqlRegistryStore.Endpoints.fuseki("http://127.0.0.1:9/ds")),
            new Ids(TestRegistry.BASE),
            SparqlLimits.DEFAULTS);
    assertThat(nowhere.execute(auditor(), SparqlRequest.of("ASK { ?s ?p ?o }")).problem().kind())
        .isEqualTo(Kind.UNAVAILABLE);
  }
}
