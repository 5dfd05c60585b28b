package org.datasharing.registry.core.store;

import java.nio.file.Path;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;

/**
 * Online, consistent backups of the embedded store, for registry administrators. A remote store is
 * backed up by its own server (Fuseki: {@code POST /$/backup/{dataset}}).
 */
public final class StoreBackups {
  private final RegistryStore store;
  private final Path folder;

  public StoreBackups(RegistryStore store, Path folder) {
    // a failing store is StoreUnavailable here as everywhere else (503, try again)
    this.store = StoreFailures.of(store);
    this.folder = folder;
  }

  /** Writes a backup into the folder and answers its path. */
  public Result<Path> backup(Actor actor) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can back up the registry");
    }
    if (!store.backsUp()) {
      return Result.conflict(
          "This registry runs on a remote SPARQL store; back it up with that store's own backup"
              + " (Fuseki: POST /$/backup/{dataset})");
    }
    return Result.ok(store.backup(folder));
  }

  /** The newest backup in the folder (names carry their UTC time, so they sort by it), if any. */
  public java.util.Optional<Path> latest() {
    if (!java.nio.file.Files.isDirectory(folder)) {
      return java.util.Optional.empty();
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().matches("registry-.*\\.nq\\.gz"))
          .max(java.util.Comparator.comparing(f -> f.getFileName().toString()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
