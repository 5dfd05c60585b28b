package org.datasharing.registry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.system.progress.MonitorOutput;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;

/** TDB2 databases and folders on disk as the benchmarks use them: bulk loads, sizes, clean-up. */
final class Stores {
  /** The bulk loaders' progress output, silenced: the table reports the result. */
  private static final MonitorOutput QUIET = (fmt, args) -> {};

  private Stores() {}

  /**
   * Bulk-loads {@code files} with TDB2's parallel loader into {@code dsg}: into {@code graph}, or
   * into the graphs the files name when {@code graph} is null.
   */
  static void bulkLoad(DatasetGraph dsg, Node graph, List<Path> files) {
    DataLoader loader =
        graph == null
            ? LoaderFactory.parallelLoader(dsg, QUIET)
            : LoaderFactory.parallelLoader(dsg, graph, QUIET);
    loader.startBulk();
    try {
      loader.load(files.stream().map(Path::toString).toList());
      loader.finishBulk();
    } catch (RuntimeException e) {
      loader.finishException(e);
      throw e;
    }
  }

  /** A new TDB2 database at {@code location} holding the quads of {@code file}, then released. */
  static void loadInto(Path location, Path file) {
    DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(location.toString());
    bulkLoad(dsg, null, List.of(file));
    release(dsg);
  }

  /** Closes a database connected here, so its folder can be measured, reopened or deleted. */
  static void release(DatasetGraph dsg) {
    TDBInternal.expel(dsg);
  }

  static long countQuads(DatasetGraph dsg) {
    return Txn.calculateRead(
        dsg,
        () -> {
          long n = 0;
          var it = dsg.find();
          while (it.hasNext()) {
            it.next();
            n++;
          }
          return n;
        });
  }

  /**
   * Bytes allocated on disk (as {@code du} counts them): TDB2 pre-sizes its memory-mapped files
   * sparsely, so their apparent length says little about the space used.
   */
  static long sizeOf(Path dir) throws IOException {
    try {
      Process p = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor();
      return Long.parseLong(out.split("\\s+")[0]) * 1024;
    } catch (InterruptedException | NumberFormatException e) {
      try (Stream<Path> s = Files.walk(dir)) {
        return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      }
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
