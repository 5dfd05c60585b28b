package org.datasharing.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.datasharing.registry.core.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against an in-process Apache Jena Fuseki backed by TDB2. */
class FusekiRegistryStoreIntegrationTest extends RegistryStoreContract {
  @TempDir Path dir;
  FusekiServer server;

  @Override
  RegistryStore createStore() {
    DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.resolve("fuseki-tdb").toString());
    server = FusekiServer.create().port(0).loopback(true).add("/registry", dsg).build().start();
    return secondInstance();
  }

  /** Another registry instance on the same Fuseki dataset. */
  RegistryStore secondInstance() {
    return new SparqlRegistryStore(
        SparqlRegistryStore.Endpoints.fuseki(
            "http://localhost:" + server.getHttpPort() + "/registry"));
  }

  @Override
  void destroyStore() {
    server.stop();
  }

  @Test
  void concurrentGuardedCommits_throughTwoInstances_areAllApplied() throws Exception {
    RegistryStore other = secondInstance();

    assertThat(commitConcurrently(List.of(store, other), 16, 160))
        .containsOnly(RegistryStore.CommitOutcome.APPLIED)
        .hasSize(160);
    assertThat(other.graph(G).size()).isEqualTo(160);
    assertThat(other.logHead().size()).isEqualTo(160);
    assertThat(new AuditTrail(other, CLOCK).verify().intact()).isTrue();
  }
}
