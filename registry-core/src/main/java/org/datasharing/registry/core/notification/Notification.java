package org.datasharing.registry.core.notification;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;

/**
 * One outbox entry: what happened to which agreement (from the audit event and the change that
 * caused it, or the date a reminder is about) and how far its delivery has got. Its IRI is its
 * idempotency identifier: it is minted from the audit event, so the same change never yields two
 * notifications of a kind.
 */
public record Notification(
    Node id,
    NotificationKind kind,
    Node agreement,
    Optional<Node> version,
    Optional<String> contentHash,
    Optional<Node> actor,
    Optional<Node> actorOrganisation,
    Optional<Node> outcome,
    Optional<String> reason,
    Instant created,
    State state,
    int attempts,
    Instant nextAttempt,
    Set<String> deliveredTo,
    Set<String> failedRecipients,
    Optional<String> lastError,
    Optional<LocalDate> due) {

  /** Where a notification's delivery stands. */
  public enum State {
    PENDING,
    SENT,
    FAILED;

    String slug() {
      return name().toLowerCase();
    }
  }

  public Notification {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(agreement, "agreement");
    requireNonNull(created, "created");
    requireNonNull(state, "state");
    requireNonNull(nextAttempt, "nextAttempt");
    deliveredTo = Set.copyOf(deliveredTo);
    failedRecipients = Set.copyOf(failedRecipients);
    due = due == null ? Optional.empty() : due;
  }

  /** A new, pending notification, due at once. */
  static Notification pending(
      Node id,
      NotificationKind kind,
      Node agreement,
      Optional<Node> version,
      Optional<String> contentHash,
      Optional<Node> actor,
      Optional<Node> actorOrganisation,
      Optional<Node> outcome,
      Optional<String> reason,
      Instant created) {
    return new Notification(
        id,
        kind,
        agreement,
        version,
        contentHash,
        actor,
        actorOrganisation,
        outcome,
        reason,
        created,
        State.PENDING,
        0,
        created,
        Set.of(),
        Set.of(),
        Optional.empty(),
        Optional.empty());
  }

  /** The same notification, about the given date (a reminder's review or end date). */
  Notification about(LocalDate date) {
    return new Notification(
        id,
        kind,
        agreement,
        version,
        contentHash,
        actor,
        actorOrganisation,
        outcome,
        reason,
        created,
        state,
        attempts,
        nextAttempt,
        deliveredTo,
        failedRecipients,
        lastError,
        Optional.of(date));
  }
}
