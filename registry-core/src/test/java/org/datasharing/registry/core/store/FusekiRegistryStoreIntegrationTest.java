package org.datasharing.registry.core.store;

import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against an in-process Apache Jena Fuseki backed by TDB2. */
class FusekiRegistryStoreIntegrationTest extends RegistryStoreContract {
  @TempDir Path dir;
  FusekiServer server;

  @Override
  RegistryStore createStore() {
    DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.resolve("fuseki-tdb").toString());
    server = FusekiServer.create().port(0).loopback(true).add("/registry", dsg).build().start();
    return new SparqlRegistryStore(
        SparqlRegistryStore.Endpoints.fuseki(
            "http://localhost:" + server.getHttpPort() + "/registry"));
  }

  @Override
  void destroyStore() {
    server.stop();
  }
}
