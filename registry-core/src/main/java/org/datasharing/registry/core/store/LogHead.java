package org.datasharing.registry.core.store;

import java.util.List;

/**
 * The audit log's head: how many events it holds and the Merkle frontier (the roots of the perfect
 * subtrees, largest first) from which the next root is computed in O(log n).
 */
public record LogHead(long size, List<byte[]> frontier) {
  public LogHead {
    frontier = List.copyOf(frontier);
  }

  public static LogHead empty() {
    return new LogHead(0, List.of());
  }
}
