package org.datasharing.registry.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * One arm of a benchmark run in several rounds (alternating with the other arm, so a burst of load
 * from elsewhere on the machine hits both): its latencies and the time it ran, summed over rounds.
 */
final class Arm {
  private long[] latencies = new long[0];
  private long nanos;

  /** Runs {@code op(0..count-1)} on {@code clients} threads, timing each call and the whole. */
  void round(int count, int clients, IntConsumer op) throws Exception {
    long[] lat = new long[count];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int k = i;
      calls.add(
          pool.submit(
              () -> {
                long s = System.nanoTime();
                op.accept(k);
                lat[k] = System.nanoTime() - s;
              }));
    }
    for (Future<?> f : calls) {
      f.get();
    }
    nanos += System.nanoTime() - start;
    pool.shutdown();
    int had = latencies.length;
    latencies = Arrays.copyOf(latencies, had + count);
    System.arraycopy(lat, 0, latencies, had, count);
  }

  double perSecond() {
    return latencies.length / (nanos / 1e9);
  }

  double percentile(double p) {
    return Results.percentile(latencies, p);
  }
}
