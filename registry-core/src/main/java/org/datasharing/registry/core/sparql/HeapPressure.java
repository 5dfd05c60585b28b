package org.datasharing.registry.core.sparql;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.NotificationEmitter;

/**
 * A circuit breaker on the heap, for the memory a query holds that no per-value cap bounds (GROUP
 * BY with many groups, the hash table of a MINUS or OPTIONAL). When the heap is still more than
 * {@link #THRESHOLD} full after a garbage collection, the JVM notifies this class, which tells
 * every listening {@link QueryWorkers} to stop its running queries; until the heap recovers, new
 * queries are refused. Per-query accounting is not possible in the JVM: what a query allocates
 * (hundreds of MB a second while scanning TDB2) says little about what it keeps.
 */
final class HeapPressure {
  /** The share of the heap, after a collection, above which queries are shed. */
  static final double THRESHOLD = 0.85;

  private static final List<MemoryPoolMXBean> POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .filter(MemoryPoolMXBean::isCollectionUsageThresholdSupported)
          .filter(p -> p.getUsage().getMax() > 0)
          .toList();

  private static final Set<WeakReference<Runnable>> LISTENERS = ConcurrentHashMap.newKeySet();

  static {
    for (MemoryPoolMXBean pool : POOLS) {
      // the pools that outlive collections (old generation): a threshold on them means retained
      pool.setCollectionUsageThreshold((long) (pool.getUsage().getMax() * THRESHOLD));
    }
    if (!POOLS.isEmpty()
        && ManagementFactory.getMemoryMXBean() instanceof NotificationEmitter emitter) {
      emitter.addNotificationListener(
          (notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(
                notification.getType())) {
              shed();
            }
          },
          null,
          null);
    }
  }

  private HeapPressure() {}

  /** Calls {@code onPressure} each time the heap crosses the threshold; held weakly. */
  static void listen(Runnable onPressure) {
    LISTENERS.add(new WeakReference<>(onPressure));
  }

  /** Whether the heap was above the threshold after the last collection. */
  static boolean high() {
    for (MemoryPoolMXBean pool : POOLS) {
      MemoryUsage after = pool.getCollectionUsage();
      if (after != null && after.getMax() > 0 && after.getUsed() > after.getMax() * THRESHOLD) {
        return true;
      }
    }
    return false;
  }

  private static void shed() {
    LISTENERS.removeIf(
        ref -> {
          Runnable listener = ref.get();
          if (listener == null) {
            return true;
          }
          listener.run();
          return false;
        });
  }
}
