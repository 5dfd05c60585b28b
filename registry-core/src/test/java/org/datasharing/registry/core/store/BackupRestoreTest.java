package org.datasharing.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup, more writes, restore into a new folder: the restored store is the backup's, intact. */
class BackupRestoreTest {
  @TempDir Path dir;

  @Test
  void restoredBackup_holdsWhatWasBackedUp_notLaterWrites_andItsAuditLogVerifies() {
    Path backup;
    long eventsAtBackup;
    try (TestRegistry t = new TestRegistry(dir.resolve("live"))) {
      var parties = List.of(ICB, COUNCIL, TRUST);
      TestRegistry.draft(
              t.registry.agreements(),
              partner(ICB),
              Optional.of("dsa-before"),
              t.completeContent(parties))
          .orElseThrow();
      backup =
          t.registry.backups(dir.resolve("backups")).backup(TestRegistry.admin()).orElseThrow();
      eventsAtBackup = t.store.logHead().size();
      TestRegistry.draft(
              t.registry.agreements(),
              partner(ICB),
              Optional.of("dsa-after"),
              t.completeContent(parties))
          .orElseThrow();
    }
    assertThat(backup.getFileName().toString()).endsWith(".nq.gz");
    assertThat(backup.getParent()).isEqualTo(dir.resolve("backups"));

    try (TdbRegistryStore restored = TdbRegistryStore.restore(backup, dir.resolve("restored"))) {
      Registry r = new Registry(restored, TestRegistry.BASE, java.time.Clock.systemUTC(), false);
      assertThat(r.agreements().get(TestRegistry.auditor(), "dsa-before").ok()).isTrue();
      assertThat(r.agreements().get(TestRegistry.auditor(), "dsa-after").failure())
          .isEqualTo(Result.Failure.NOT_FOUND);
      var verification = r.auditTrail().verify();
      assertThat(verification.intact()).as(String.valueOf(verification.findings())).isTrue();
      assertThat(verification.treeSize()).isEqualTo(eventsAtBackup);
      // the search index is rebuilt from the restored store
      assertThat(r.catalog().list(TestRegistry.auditor())).isNotEmpty();
    }
  }

  @Test
  void backup_isForRegistryAdministrators_only() {
    try (TestRegistry t = new TestRegistry(dir.resolve("live"))) {
      assertThat(t.registry.backups(dir.resolve("b")).backup(TestRegistry.auditor()).failure())
          .isEqualTo(Result.Failure.FORBIDDEN);
      assertThat(Files.exists(dir.resolve("b"))).isFalse();
    }
  }

  @Test
  void restore_refusesAFolderThatIsNotEmpty_andLeavesItAlone() throws Exception {
    Path backup;
    try (TestRegistry t = new TestRegistry(dir.resolve("live"))) {
      backup =
          t.registry.backups(dir.resolve("backups")).backup(TestRegistry.admin()).orElseThrow();
    }
    long before = Files.walk(dir.resolve("live")).count();

    assertThatThrownBy(() -> TdbRegistryStore.restore(backup, dir.resolve("live")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("new, empty folder");
    assertThat(Files.walk(dir.resolve("live")).count()).isEqualTo(before);
  }

  @Test
  void commandLine_backsUpAndRestores_andReportsTheVerification() {
    try (TestRegistry t = new TestRegistry(dir.resolve("live"))) {
      // the registry closes its store before the command-line tool opens the folder
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true);
    assertThat(
            org.datasharing.registry.core.StoreToolAccess.run(
                new String[] {
                  "backup", dir.resolve("live").toString(), dir.resolve("b").toString()
                },
                print))
        .isZero();
    String written = out.toString().trim();
    Path file = Path.of(written.substring(written.indexOf(": ") + 2));
    out.reset();

    assertThat(
            org.datasharing.registry.core.StoreToolAccess.run(
                new String[] {"restore", file.toString(), dir.resolve("again").toString()}, print))
        .isZero();
    assertThat(out.toString()).contains("verifies");
    assertThat(org.datasharing.registry.core.StoreToolAccess.run(new String[] {"restore"}, print))
        .isEqualTo(2);
  }
}
