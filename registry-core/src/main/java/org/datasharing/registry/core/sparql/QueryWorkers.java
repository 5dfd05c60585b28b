package org.datasharing.registry.core.sparql;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.jena.query.QueryCancelledException;

/**
 * Runs each admitted query on a worker thread under its own {@link QueryGuard}, and waits for it at
 * most the timeout plus {@link #GRACE}. Work that has not stopped by then (it should have: Jena's
 * timeout and the guard) is abandoned by its caller but keeps its place in the {@link QueryGate}
 * until it ends, so runaway work can never exceed the concurrency cap. Workers are never
 * interrupted: TDB2 closes its files under an interrupt.
 */
final class QueryWorkers {
  /** How long past the timeout a caller waits for a query that has not stopped. */
  static final Duration GRACE = Duration.ofSeconds(1);

  private final SparqlLimits limits;
  private final QueryGate gate;
  private final ExecutorService threads;
  private final Set<QueryGuard> guards = ConcurrentHashMap.newKeySet();
  // held here: HeapPressure holds its listeners weakly
  private final Runnable shed = () -> cancelAll(QueryGuard.Reason.MEMORY);

  QueryWorkers(SparqlLimits limits) {
    this.limits = limits;
    this.gate = new QueryGate(limits.maxConcurrent(), limits.maxConcurrentPerCaller());
    AtomicInteger count = new AtomicInteger();
    // never more busy threads than the gate admits queries; idle ones end after a minute
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sparql-query-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    HeapPressure.listen(shed);
  }

  /** Stops every running query (their callers get the reason's problem). */
  void cancelAll(QueryGuard.Reason why) {
    guards.forEach(g -> g.cancel(why));
  }

  /** Queries running now (admitted, and their work not yet ended). */
  int running() {
    return gate.running();
  }

  /** Runs {@code work} for {@code caller} if the caps admit it, or says why not. */
  <T> SparqlOutcome<T> run(String caller, Function<QueryGuard, SparqlOutcome<T>> work) {
    if (HeapPressure.high()) {
      return shortOfMemory("new queries are refused until it recovers; try again shortly");
    }
    QueryGate.Admission admission = gate.enter(caller);
    if (admission.ticket().isEmpty()) {
      return SparqlOutcome.failed(SparqlProblem.Kind.BUSY, admission.refusal());
    }
    QueryGate.Ticket ticket = admission.ticket().get();
    QueryGuard guard = new QueryGuard(limits.timeout().toNanos(), limits.maxStringLength());
    // listed from admission, so that shedding load cannot miss a query that is still starting
    guards.add(guard);
    Future<SparqlOutcome<T>> running;
    try {
      running =
          threads.submit(
              () -> {
                try (ticket) {
                  return guarded(work, guard);
                } finally {
                  guards.remove(guard);
                }
              });
    } catch (RejectedExecutionException e) {
      guards.remove(guard);
      ticket.close();
      return SparqlOutcome.failed(
          SparqlProblem.Kind.BUSY, "The endpoint cannot start a query now; try again shortly");
    }
    try {
      return running.get(limits.timeout().plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      guard.cancel(QueryGuard.Reason.TIMEOUT);
      return timedOut(limits.timeout());
    } catch (InterruptedException e) {
      guard.cancel(QueryGuard.Reason.TIMEOUT);
      Thread.currentThread().interrupt();
      return timedOut(limits.timeout());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private <T> SparqlOutcome<T> guarded(
      Function<QueryGuard, SparqlOutcome<T>> work, QueryGuard guard) {
    try {
      return work.apply(guard);
    } catch (QueryGuard.TooLarge e) {
      return SparqlOutcome.failed(
          SparqlProblem.Kind.VALUE_TOO_LARGE,
          "The query was stopped: it was about to build "
              + e.getMessage()
              + " (CONCAT, REPLACE, GROUP_CONCAT, multiplication, math:pow...); the cap keeps one"
              + " query from exhausting memory or time");
    } catch (QueryCancelledException e) {
      return guard.reason().orElse(QueryGuard.Reason.TIMEOUT) == QueryGuard.Reason.MEMORY
          ? shortOfMemory("running queries were stopped, this one with them; try again shortly")
          : timedOut(limits.timeout());
    } catch (StackOverflowError e) {
      return SparqlOutcome.failed(
          SparqlProblem.Kind.TOO_COMPLEX,
          "The query is too complex to run here: it nests too deeply to evaluate");
    }
  }

  private static <T> SparqlOutcome<T> shortOfMemory(String what) {
    return SparqlOutcome.failed(
        SparqlProblem.Kind.OVERLOADED, "The server is short of memory: " + what);
  }

  static <T> SparqlOutcome<T> timedOut(Duration timeout) {
    return SparqlOutcome.failed(
        SparqlProblem.Kind.TIMEOUT,
        "The query timed out after "
            + human(timeout)
            + " and was cancelled; narrow it (a graph, a period, a LIMIT)");
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
