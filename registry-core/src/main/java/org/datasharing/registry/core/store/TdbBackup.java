package org.datasharing.registry.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * The TDB2 store's backup file: every quad as gzipped N-Quads. Written in one read transaction and
 * moved into place whole; read back only into a new, empty data folder. {@link
 * TdbRegistryStore#backup} and {@link TdbRegistryStore#restore} are the way in.
 */
final class TdbBackup {
  private TdbBackup() {}

  /** Writes the dataset as a new backup file in the folder (created if need be); its path. */
  static Path write(DatasetGraph dsg, Path folder) {
    try {
      Files.createDirectories(folder);
      String name =
          "registry-"
              + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
                  .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
              + ".nq.gz";
      Path target = folder.resolve(name);
      Path partial = folder.resolve(name + ".partial");
      Txn.executeRead(
          dsg,
          () -> {
            try (java.io.OutputStream out =
                new java.util.zip.GZIPOutputStream(
                    new java.io.BufferedOutputStream(Files.newOutputStream(partial)))) {
              org.apache.jena.riot.RDFDataMgr.write(out, dsg, org.apache.jena.riot.Lang.NQUADS);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a backup to " + folder, e);
    }
  }

  /** Refuses a missing backup file, or a data folder that is not new and empty. */
  static void checkRestore(Path backup, Path location) {
    if (!Files.isRegularFile(backup)) {
      throw new IllegalArgumentException("no backup file " + backup);
    }
    try (Stream<Path> existing = Files.exists(location) ? Files.list(location) : Stream.empty()) {
      if (existing.findAny().isPresent()) {
        throw new IllegalArgumentException(
            "restore into a new, empty folder; " + location + " is not empty");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the backup's quads into the dataset in one write transaction. */
  static void read(Path backup, DatasetGraph dsg) {
    Txn.executeWrite(
        dsg,
        () -> {
          try (java.io.InputStream in =
              new java.util.zip.GZIPInputStream(
                  new java.io.BufferedInputStream(Files.newInputStream(backup)))) {
            org.apache.jena.riot.RDFParser.source(in)
                .lang(org.apache.jena.riot.Lang.NQUADS)
                .parse(dsg);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup " + backup, e);
          }
        });
  }
}
