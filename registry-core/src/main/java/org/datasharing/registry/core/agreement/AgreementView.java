package org.datasharing.registry.core.agreement;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An agreement as callers see it. */
public record AgreementView(
    String id,
    String iri,
    String title,
    AgreementStatus status,
    Optional<AgreementStatus> amendmentStatus,
    int currentVersion,
    Optional<Integer> versionInForce,
    long revision,
    List<String> parties,
    List<VersionSummary> versions,
    List<DecisionView> decisions,
    AgreementContent content,
    List<String> deciders,
    java.util.Set<AgreementPolicy.Action> allowed,
    java.util.Map<AgreementPolicy.Action, AgreementPolicy.Refusal> refused,
    Optional<java.time.LocalDate> reviewDue,
    List<ReviewView> currentReview,
    List<IncidentView> incidents,
    List<DestructionView> destruction,
    Optional<Instant> destructionDue) {

  /** Whether the caller may do the action now (the same answer the service gives). */
  public boolean can(AgreementPolicy.Action action) {
    return allowed.contains(action);
  }

  /** How many of the organisations whose approval the current version needs have approved. */
  public long approvals() {
    return decisions.stream()
        .filter(
            d ->
                d.version() == currentVersion
                    && d.outcome().equals("APPROVE")
                    && !d.awaitingSignOff())
        .map(DecisionView::organisation)
        .filter(deciders::contains)
        .distinct()
        .count();
  }

  /** One version: its number, IRI and content hash. */
  public record VersionSummary(
      int number, String iri, String contentHash, Optional<Integer> revisionOf) {}

  /**
   * One DPO decision on one version; {@code awaitingSignOff} for an approval that counts only once
   * the organisation's senior officer signs it off, and who signed it off ({@code signedOffBy}, the
   * agent's IRI) and when, once they did.
   */
  public record DecisionView(
      int version,
      String organisation,
      String outcome,
      Optional<String> reason,
      String decidedBy,
      Instant at,
      String contentHash,
      boolean awaitingSignOff,
      Optional<String> signedOffBy,
      Optional<Instant> signedOffAt) {}

  /**
   * One party's decision at the review under way (the latest, if it changed its mind): {@code
   * CONTINUE} with the next review date it proposes, {@code AMEND} or {@code END}.
   */
  public record ReviewView(
      String organisation,
      String outcome,
      Optional<java.time.LocalDate> nextReviewDate,
      Optional<String> reason,
      String decidedBy,
      Instant at) {}

  /**
   * A recorded incident: who recorded it for which party and when, what happened, and when the
   * report to the ICO is due (72 hours from discovery) where it must be reported.
   */
  public record IncidentView(
      int version,
      String organisation,
      Incident incident,
      String recordedBy,
      Instant at,
      Optional<Instant> icoReportDue) {}

  /**
   * Once the agreement ended: one party to its last version in force, and what it confirmed it did
   * with the data (empty until it confirms).
   */
  public record DestructionView(
      String organisation,
      Optional<String> disposal,
      Optional<String> statement,
      Optional<String> confirmedBy,
      Optional<Instant> at) {}

  /**
   * A line of a list of agreements: when it was first submitted and which organisation drafted it
   * (where recorded), and the purposes of its current version (reference codes).
   */
  public record Summary(
      String id,
      String iri,
      String title,
      AgreementStatus status,
      List<String> parties,
      Optional<Instant> submitted,
      Optional<String> author,
      List<String> purposes) {}
}
