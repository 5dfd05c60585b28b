package org.datasharing.registry.web.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.LogVerifications;

/**
 * What the API and the pages show of the log's verifications: the one running (how far it got) and
 * the last that ended (its result, how long it took, and its audit event if a person asked).
 */
public record VerificationStatus(Optional<Running> running, Optional<Last> last, long treeSize) {

  /** A verification under way. */
  public record Running(
      String id, String requestedBy, Instant startedAt, long checked, long total, int percent) {}

  /** The last verification that ended. */
  public record Last(
      String id,
      String requestedBy,
      Instant startedAt,
      Instant verifiedAt,
      long tookMillis,
      boolean intact,
      long treeSize,
      String rootHash,
      List<AuditTrail.Finding> findings,
      Optional<String> event) {
    /** Asked for by the registry itself (at start-up), not by a person. */
    public boolean byTheRegistry() {
      return "system".equals(requestedBy);
    }
  }

  /** How long a page waits for a running verification to settle before it shows the status. */
  public static final Duration PAGE_WAIT = Duration.ofSeconds(2);

  public static VerificationStatus of(LogVerifications verifications, AuditTrail trail) {
    LogVerifications.Status s = verifications.status();
    return new VerificationStatus(
        s.running()
            .map(
                r ->
                    new Running(
                        r.id(),
                        r.requestedBy(),
                        r.startedAt(),
                        r.done().get(),
                        r.total().get(),
                        r.percent())),
        s.last().map(VerificationStatus::last),
        trail.head().size());
  }

  private static Last last(LogVerifications.Finished f) {
    AuditTrail.Verification v = f.result();
    return new Last(
        f.id(),
        f.requestedBy(),
        f.startedAt(),
        v.verifiedAt(),
        f.took().toMillis(),
        v.intact(),
        v.treeSize(),
        v.rootHash(),
        v.findings(),
        f.event());
  }

  /**
   * The status once a verification already running has ended, waiting at most {@code wait}: a small
   * log's verification ends in milliseconds, so a page can show its result at once; a large log's
   * shows its progress.
   */
  public static VerificationStatus settled(
      LogVerifications verifications, AuditTrail trail, Duration wait) {
    try {
      verifications.awaitIdle(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return of(verifications, trail);
  }

  /** The verification running now, or null (for templates). */
  public Running runningNow() {
    return running.orElse(null);
  }

  /** The last verification that ended, or null (for templates). */
  public Last lastResult() {
    return last.orElse(null);
  }

  /** Events appended since the last verification ended (0 if none has). */
  public long eventsSince() {
    return last.map(l -> Math.max(0, treeSize - l.treeSize())).orElse(0L);
  }
}
