package org.datasharing.registry.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The disk holding an embedded store is full: the write failed and nothing was changed. TDB2 writes
 * its indexes through memory-mapped files, so a full disk surfaces as the JVM's {@link
 * InternalError} ("a fault occurred in a recent unsafe memory access operation", SIGBUS) rather
 * than an {@link IOException}; its journal and node files give "No space left on device".
 */
public final class DiskFull extends RuntimeException {
  // below this the next mapped segment (8 MB) of a TDB2 file cannot be backed
  private static final long LOW_SPACE = 16L * 1024 * 1024;

  DiskFull(Path location, long usable, Throwable cause) {
    super(
        "the disk holding the store ("
            + location
            + ") is full: "
            + (usable < 0 ? "no" : usable / 1024 + " KB")
            + " free",
        cause);
  }

  /** The write failure as {@link DiskFull} when the disk is full, else empty. */
  static Optional<DiskFull> of(Path location, Throwable failure) {
    long usable = usableSpace(location);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      boolean noSpace =
          t instanceof IOException && String.valueOf(t.getMessage()).contains("No space left");
      boolean mappedFault = t instanceof InternalError && usable >= 0 && usable < LOW_SPACE;
      if (noSpace || mappedFault) {
        return Optional.of(new DiskFull(location, usable, failure));
      }
    }
    return Optional.empty();
  }

  private static long usableSpace(Path location) {
    try {
      return Files.getFileStore(location).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }
}
