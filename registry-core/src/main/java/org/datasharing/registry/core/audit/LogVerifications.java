package org.datasharing.registry.core.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Full verifications of the audit log run in the background, one at a time: a log of a million
 * events takes a while, so a request starts one and returns; anyone allowed to verify can see how
 * far it got; the result is kept as a {@code dsr:VerifyLog} audit event naming who asked, the tree
 * size and root hash verified, and whether the log was intact.
 */
public final class LogVerifications implements AutoCloseable {
  private final AuditTrail trail;
  private final RegistryStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "audit-verification");
            t.setDaemon(true);
            return t;
          });
  private final AtomicReference<Running> running = new AtomicReference<>();
  private final AtomicReference<Finished> last = new AtomicReference<>();

  /** A verification under way: events checked so far of the log's size when it started. */
  public record Running(
      String id,
      String requestedBy,
      Instant startedAt,
      AtomicLong done,
      AtomicLong total,
      AtomicReference<Actor> keptFor) {
    /** Whole percent checked, 0 to 100. */
    public int percent() {
      long t = total.get();
      return t == 0 ? 0 : (int) Math.min(100, done.get() * 100 / t);
    }
  }

  /** A verification that ended: its result, how long it took, and its audit event. */
  public record Finished(
      String id,
      String requestedBy,
      Instant startedAt,
      Duration took,
      AuditTrail.Verification result,
      Optional<String> event) {}

  /** What a caller sees: the verification running now, if any, and the last one that ended. */
  public record Status(Optional<Running> running, Optional<Finished> last) {}

  public LogVerifications(AuditTrail trail, RegistryStore store, AuditLog audit, Clock clock) {
    this.trail = trail;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Starts a verification a person asked for, kept as an audit event in their name; or returns the
   * one already running (verifications are not queued: a second request would only repeat it).
   */
  public Running start(Actor actor) {
    return start(actor, true);
  }

  /**
   * Starts a verification the registry runs by itself (at start-up): its result is shown but not
   * written to the log, so the log does not grow by an event at every restart.
   */
  public Running startUnrecorded() {
    return start(Actor.system(), false);
  }

  private Running start(Actor actor, boolean recorded) {
    Running fresh =
        new Running(
            UUID.randomUUID().toString(),
            actor.username(),
            clock.instant(),
            new AtomicLong(),
            new AtomicLong(trail.head().size()),
            new AtomicReference<>(recorded ? actor : null));
    Running current = running.compareAndExchange(null, fresh);
    if (current != null) {
      if (recorded) {
        // someone asked while the registry's own ran: keep that one's result in their name
        current.keptFor().compareAndSet(null, actor);
      }
      return current;
    }
    worker.execute(() -> run(fresh));
    return fresh;
  }

  public Status status() {
    return new Status(Optional.ofNullable(running.get()), Optional.ofNullable(last.get()));
  }

  /** Waits for the running verification, if any, to end (tests, shutdown). */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (running.get() != null) {
      if (System.nanoTime() > end) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return true;
  }

  private void run(Running job) {
    long started = System.nanoTime();
    try {
      AuditTrail.Verification result =
          trail.verify(
              (done, total) -> {
                job.total().set(total);
                job.done().set(done);
              });
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      Actor keptFor = job.keptFor().get();
      Optional<String> event = keptFor == null ? Optional.empty() : record(keptFor, result);
      last.set(new Finished(job.id(), job.requestedBy(), job.startedAt(), took, result, event));
    } catch (RuntimeException e) {
      // the store failed under the verifier: keep that as the result rather than lose it
      AuditTrail.Verification failed = AuditTrail.stopped(job.done().get(), clock.instant());
      last.set(
          new Finished(
              job.id(),
              job.requestedBy(),
              job.startedAt(),
              Duration.ofNanos(System.nanoTime() - started),
              failed,
              Optional.empty()));
    } finally {
      running.set(null);
    }
  }

  private Optional<String> record(Actor actor, AuditTrail.Verification result) {
    String detail =
        "verified "
            + result.treeSize()
            + " events, root "
            + result.rootHash()
            + ": "
            + (result.intact()
                ? "intact"
                : result.findings().size()
                    + " findings, first: "
                    + result.findings().get(0).problem());
    AuditEvent event =
        audit.eventAbout(
            DSR.VerifyLog.asNode(), actor, Graphs.AUDIT_NODE, result.rootHash(), detail);
    try {
      store.commit(new Change(List.of(), List.of(), List.of(), audit.appender(event)));
      return Optional.of(event.id().getURI());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
