package org.datasharing.registry.core.store;

import java.time.Duration;

/**
 * What a store tells an observer about its own work (the web tier's metrics): how many changes each
 * write transaction carried, and each compaction. Called on the writer's thread: keep it quick.
 */
public interface StoreEvents {
  /** A write transaction committed carrying this many changes (group commit: one or more). */
  default void committed(int changes) {}

  /** The store compacted itself, taking this long, from and to this many bytes on disk. */
  default void compacted(Duration took, long bytesBefore, long bytesAfter) {}
}
