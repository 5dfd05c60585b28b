package org.datasharing.registry.core.support;

import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.tdb2.DatabaseMgr;
import org.datasharing.registry.core.store.SparqlRegistryStore;

/** An in-process Fuseki on a free loopback port with a TDB2 dataset, and a registry over it. */
public final class InProcessFuseki implements AutoCloseable {
  private final FusekiServer server;

  public InProcessFuseki(Path dir) {
    server =
        FusekiServer.create()
            .port(0)
            .loopback(true)
            .add("/registry", DatabaseMgr.connectDatasetGraph(dir.resolve("fuseki").toString()))
            .build()
            .start();
  }

  /** A registry whose store is this Fuseki's dataset, over SPARQL 1.1. */
  public TestRegistry registry() {
    return new TestRegistry(
        new SparqlRegistryStore(
            SparqlRegistryStore.Endpoints.fuseki(
                "http://localhost:" + server.getHttpPort() + "/registry")));
  }

  @Override
  public void close() {
    server.stop();
  }
}
