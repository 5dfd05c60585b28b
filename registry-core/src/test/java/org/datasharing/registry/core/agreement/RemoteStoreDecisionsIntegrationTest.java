package org.datasharing.registry.core.agreement;

import java.nio.file.Path;
import org.datasharing.registry.core.support.InProcessFuseki;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;

/**
 * The concurrent-decisions guarantee with the remote store: each change and its audit event travel
 * in one SPARQL Update to an in-process Fuseki, and stale writes are caught by its guards.
 */
class RemoteStoreDecisionsIntegrationTest extends ConcurrentDecisionsTest {
  InProcessFuseki fuseki;

  @Override
  TestRegistry createRegistry(Path dir) {
    fuseki = new InProcessFuseki(dir);
    return fuseki.registry();
  }

  @AfterEach
  void stopServer() {
    fuseki.close();
  }
}
