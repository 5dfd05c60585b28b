package org.datasharing.registry.core.agreement;

import java.nio.file.Path;
import org.datasharing.registry.core.support.InProcessFuseki;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;

/** Amendment consent and the public version on the remote store (in-process Fuseki). */
class RemoteAmendmentConsentIntegrationTest extends AmendmentConsentTest {
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
