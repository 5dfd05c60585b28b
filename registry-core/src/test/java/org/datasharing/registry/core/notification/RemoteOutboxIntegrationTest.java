package org.datasharing.registry.core.notification;

import java.nio.file.Path;
import org.datasharing.registry.core.support.InProcessFuseki;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;

/**
 * The outbox with the remote store: each change, its audit event and its notifications travel in
 * one SPARQL Update to an in-process Fuseki; the delivery bookkeeping's guards hold there too.
 */
class RemoteOutboxIntegrationTest extends NotificationOutboxTest {
  InProcessFuseki fuseki;

  @Override
  TestRegistry createRegistry(Path dir) {
    fuseki = InProcessFuseki.withSampleData(dir);
    return fuseki.registry();
  }

  @AfterEach
  void stopServer() {
    fuseki.close();
  }
}
