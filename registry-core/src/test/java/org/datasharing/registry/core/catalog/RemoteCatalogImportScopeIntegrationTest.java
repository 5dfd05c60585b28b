package org.datasharing.registry.core.catalog;

import java.nio.file.Path;
import org.datasharing.registry.core.support.InProcessFuseki;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;

/** The import's scope on the remote store: the same refusals over an in-process Fuseki. */
class RemoteCatalogImportScopeIntegrationTest extends CatalogImportScopeTest {
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
