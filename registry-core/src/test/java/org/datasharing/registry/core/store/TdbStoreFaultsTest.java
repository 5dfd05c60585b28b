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

  @org.junit.jupiter.api.Test
  void aBackup_failsAsStoreUnavailable_writesNoFile_andTheNextBackupWorks() throws Exception {
    open();
    Path folder = dir.resolve("backups");
    StoreBackups backups = t.registry.backups(folder);

    faulty.arm(org.datasharing.registry.core.support.FaultyStore.Point.READ, 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> backups.backup(org.datasharing.registry.core.support.TestRegistry.admin()))
        .isInstanceOf(StoreUnavailable.class)
        .hasMessageContaining("backup");

    org.assertj.core.api.Assertions.assertThat(faulty.fired()).isTrue();
    org.assertj.core.api.Assertions.assertThat(backups.latest()).isEmpty();
    Path written =
        backups.backup(org.datasharing.registry.core.support.TestRegistry.admin()).orElseThrow();
    org.assertj.core.api.Assertions.assertThat(backups.latest()).contains(written);
  }
}
