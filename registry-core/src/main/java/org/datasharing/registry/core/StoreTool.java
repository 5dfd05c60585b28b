package org.datasharing.registry.core;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.store.TdbRegistryStore;

/**
 * Backup and restore from the command line, for an embedded store that no registry has open (TDB2
 * allows one process per data folder; a running registry backs up through {@code POST
 * /api/admin/backups}):
 *
 * <pre>
 * backup  DATA_DIR BACKUP_DIR        writes BACKUP_DIR/registry-&lt;time&gt;.nq.gz
 * restore BACKUP_FILE NEW_DATA_DIR   loads it into a new, empty folder and verifies the audit log
 * </pre>
 */
public final class StoreTool {
  private StoreTool() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 3 || !(args[0].equals("backup") || args[0].equals("restore"))) {
      err.println("usage: backup DATA_DIR BACKUP_DIR | restore BACKUP_FILE NEW_DATA_DIR");
      return 2;
    }
    try {
      if (args[0].equals("backup")) {
        try (TdbRegistryStore store = TdbRegistryStore.open(Path.of(args[1]))) {
          out.println(
              "backup written: "
                  + org.datasharing.registry.core.store.StoreFailures.of(store)
                      .backup(Path.of(args[2])));
        }
        return 0;
      }
      try (TdbRegistryStore store = TdbRegistryStore.restore(Path.of(args[1]), Path.of(args[2]))) {
        AuditTrail.Verification v = new AuditTrail(store, Clock.systemUTC()).verify();
        out.println(
            "restored into "
                + args[2]
                + "; audit log of "
                + v.treeSize()
                + " events "
                + (v.intact() ? "verifies" : "does NOT verify: " + v.findings()));
        return v.intact() ? 0 : 1;
      }
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      err.println(e.getMessage());
      return 1;
    } catch (org.datasharing.registry.core.store.StoreUnavailable e) {
      // the store failed (I/O error, a damaged or locked folder): named, without a stack trace
      err.println(e.getMessage() + ": " + e.getCause());
      return 1;
    }
  }
}
