package org.datasharing.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.datasharing.registry.core.search.SearchRequest;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Injected store faults on a remote store (an in-process Fuseki over TDB2), and a real outage. */
class FusekiStoreFaultsIntegrationTest extends StoreFaultsContract {
  @TempDir Path dir;
  FusekiServer server;
  DatasetGraph dsg;

  @Override
  RegistryStore createStore() throws Exception {
    dsg = DatabaseMgr.connectDatasetGraph(Files.createTempDirectory(dir, "fuseki").toString());
    server = FusekiServer.create().port(0).loopback(true).add("/registry", dsg).build().start();
    return new SparqlRegistryStore(
        SparqlRegistryStore.Endpoints.fuseki(
            "http://localhost:" + server.getHttpPort() + "/registry"));
  }

  /** Each read is an HTTP request: in CI the 1st, 2nd, 4th, 8th, ... read of each step. */
  @Override
  int nextRead(int read) {
    return read < 2 ? read + 1 : read * 2;
  }

  @Override
  void destroyStore() {
    server.stop();
  }

  @Test
  void fusekiDown_failsAsStoreUnavailable_andWorksWhenItIsBack() throws Exception {
    open();
    int port = server.getHttpPort();
    server.stop();
    assertThatThrownBy(() -> t.registry.agreements().list(TestRegistry.auditor()))
        .isInstanceOf(StoreUnavailable.class);
    assertThatThrownBy(
            () ->
                t.registry
                    .search()
                    .search(TestRegistry.partner(TestRegistry.ICB), SearchRequest.of("health")))
        .isInstanceOf(StoreUnavailable.class);
    server = FusekiServer.create().port(port).loopback(true).add("/registry", dsg).build().start();
    assertThat(t.registry.agreements().list(TestRegistry.auditor())).isNotEmpty();
    assertThat(t.registry.auditTrail().verify().intact()).isTrue();
  }
}
