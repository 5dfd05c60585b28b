package org.datasharing.registry.core.agreement;

import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.tdb2.DatabaseMgr;
import org.datasharing.registry.core.store.SparqlRegistryStore;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;

/**
 * The concurrent-decisions guarantee with the remote store: each change and its audit event travel
 * in one SPARQL Update to an in-process Fuseki, and stale writes are caught by its guards.
 */
class RemoteStoreDecisionsIntegrationTest extends ConcurrentDecisionsTest {
  FusekiServer server;

  @Override
  TestRegistry createRegistry(Path dir) {
    server =
        FusekiServer.create()
            .port(0)
            .loopback(true)
            .add("/registry", DatabaseMgr.connectDatasetGraph(dir.resolve("fuseki").toString()))
            .build()
            .start();
    return new TestRegistry(
        new SparqlRegistryStore(
            SparqlRegistryStore.Endpoints.fuseki(
                "http://localhost:" + server.getHttpPort() + "/registry")));
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }
}
