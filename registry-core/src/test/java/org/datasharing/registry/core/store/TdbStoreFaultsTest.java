package org.datasharing.registry.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Injected store faults on TDB2. */
class TdbStoreFaultsTest extends StoreFaultsContract {
  @TempDir Path dir;

  @Override
  RegistryStore createStore() throws Exception {
    return TdbRegistryStore.open(Files.createTempDirectory(dir, "tdb"));
  }
}
