package org.datasharing.registry.core.support;

import jakarta.servlet.Filter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.datasharing.registry.core.store.SparqlRegistryStore;

/**
 * An in-process Fuseki on a free loopback port with a TDB2 dataset, and a registry over it. It
 * counts the requests it is still answering and records each query request's {@code timeout}
 * parameter, so tests can see what the store was asked to run and whether it stopped.
 */
public final class InProcessFuseki implements AutoCloseable {
  private final FusekiServer server;
  private final AtomicInteger running = new AtomicInteger();
  private final List<String> timeouts = new CopyOnWriteArrayList<>();

  public InProcessFuseki(Path dir) {
    this(dir, null);
  }

  /**
   * An in-process Fuseki whose dataset already holds the sample registry ({@link
   * TestRegistry#sampleQuads()}), so a registry over it starts as a restart would, without
   * replaying the sample history through SPARQL Update (about ten seconds a registry): for tests of
   * what the remote store does with changes. Tests of how a remote store is first filled use {@link
   * #InProcessFuseki(Path)}.
   */
  public static InProcessFuseki withSampleData(Path dir) {
    return new InProcessFuseki(dir, TestRegistry.sampleQuads());
  }

  private InProcessFuseki(Path dir, DatasetGraph preload) {
    DatasetGraph dataset = DatabaseMgr.connectDatasetGraph(dir.resolve("fuseki").toString());
    if (preload != null) {
      Txn.executeWrite(dataset, () -> preload.find().forEachRemaining(dataset::add));
    }
    Filter counting =
        (request, response, chain) -> {
          running.incrementAndGet();
          try {
            String timeout = request.getParameter("timeout");
            timeouts.add(timeout == null ? "" : timeout);
            chain.doFilter(request, response);
          } finally {
            running.decrementAndGet();
          }
        };
    server =
        FusekiServer.create()
            .port(0)
            .loopback(true)
            .add("/registry", dataset)
            .addFilter("/registry/query", counting)
            .build()
            .start();
  }

  /** A registry whose store is this Fuseki's dataset, over SPARQL 1.1. */
  public TestRegistry registry() {
    return new TestRegistry(new SparqlRegistryStore(endpoints()));
  }

  public SparqlRegistryStore.Endpoints endpoints() {
    return SparqlRegistryStore.Endpoints.fuseki(
        "http://localhost:" + server.getHttpPort() + "/registry");
  }

  /** Query requests Fuseki is answering now. */
  public int runningQueries() {
    return running.get();
  }

  /** The {@code timeout} parameter of every query request so far ("" when absent). */
  public List<String> queryTimeouts() {
    return List.copyOf(timeouts);
  }

  @Override
  public void close() {
    server.stop();
  }
}
