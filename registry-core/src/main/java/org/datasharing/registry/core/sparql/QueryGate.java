package org.datasharing.registry.core.sparql;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many queries may run at once, in total and per caller. A query over either cap is refused at
 * once, never queued. A place is given back when the query's work has really ended, not when its
 * caller stopped waiting, so a query that overran its timeout still counts until it stops.
 */
final class QueryGate {
  private final Semaphore total;
  private final int maxTotal;
  private final int perCaller;
  private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

  QueryGate(int maxTotal, int perCaller) {
    this.total = new Semaphore(maxTotal);
    this.maxTotal = maxTotal;
    this.perCaller = perCaller;
  }

  /** A place for one query of the caller's, or why there is none. */
  Admission enter(String caller) {
    boolean[] admitted = {false};
    running.compute(
        caller,
        (k, n) -> {
          int now = n == null ? 0 : n;
          if (now >= perCaller) {
            return n;
          }
          admitted[0] = true;
          return now + 1;
        });
    if (!admitted[0]) {
      return Admission.refused(
          "You already have "
              + perCaller
              + " queries running; wait for one to finish (each ends within the timeout)");
    }
    if (!total.tryAcquire()) {
      leave(caller);
      return Admission.refused(
          "The endpoint is already running its maximum of "
              + maxTotal
              + " queries; try again shortly");
    }
    return new Admission(Optional.of(new Ticket(caller)), null);
  }

  private void leave(String caller) {
    running.computeIfPresent(caller, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Queries running now, for tests and monitoring. */
  int running() {
    return maxTotal - total.availablePermits();
  }

  record Admission(Optional<Ticket> ticket, String refusal) {
    static Admission refused(String why) {
      return new Admission(Optional.empty(), why);
    }
  }

  /** One admitted query's place; closing it (once) gives the place back. */
  final class Ticket implements AutoCloseable {
    private final String caller;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Ticket(String caller) {
      this.caller = caller;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        total.release();
        leave(caller);
      }
    }
  }
}
