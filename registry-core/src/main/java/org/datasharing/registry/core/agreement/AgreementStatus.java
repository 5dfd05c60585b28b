package org.datasharing.registry.core.agreement;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Resource;
import org.datasharing.registry.ontology.vocab.DSR;

/** The lifecycle of an agreement, with the transitions the registry allows. */
public enum AgreementStatus {
  DRAFT(DSR.Draft),
  SUBMITTED(DSR.Submitted),
  CHANGES_REQUESTED(DSR.ChangesRequested),
  REJECTED(DSR.Rejected),
  APPROVED(DSR.Approved),
  ACTIVE(DSR.Active),
  REVIEW_DUE(DSR.ReviewDue),
  SUSPENDED(DSR.Suspended),
  TERMINATED(DSR.Terminated),
  EXPIRED(DSR.Expired);

  private final Resource term;

  AgreementStatus(Resource term) {
    this.term = term;
  }

  public Node node() {
    return term.asNode();
  }

  public static Optional<AgreementStatus> of(Node node) {
    return Arrays.stream(values()).filter(s -> s.node().equals(node)).findFirst();
  }

  /** The statuses this one may move to. */
  public Set<AgreementStatus> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(SUBMITTED);
      case SUBMITTED -> EnumSet.of(APPROVED, REJECTED, CHANGES_REQUESTED);
      case CHANGES_REQUESTED -> EnumSet.of(DRAFT);
      // an approved agreement can be stopped before it starts, not only once it is active
      case APPROVED -> EnumSet.of(ACTIVE, EXPIRED, SUSPENDED, TERMINATED);
      case ACTIVE -> EnumSet.of(REVIEW_DUE, EXPIRED, SUSPENDED, TERMINATED);
      case REVIEW_DUE -> EnumSet.of(EXPIRED, SUSPENDED, TERMINATED, ACTIVE);
      // resuming returns to ACTIVE, or to APPROVED when the agreement has not started yet
      case SUSPENDED -> EnumSet.of(ACTIVE, APPROVED, TERMINATED);
      case REJECTED, TERMINATED, EXPIRED -> EnumSet.noneOf(AgreementStatus.class);
    };
  }

  public boolean canMoveTo(AgreementStatus target) {
    return next().contains(target);
  }

  /**
   * Is or was in force: the statuses the public sees (the register, linked data), with the version
   * in force and its public fields only. Drafts, submitted, rejected and changes-requested
   * agreements are not public.
   */
  public boolean isPublic() {
    return inForce() || this == TERMINATED || this == EXPIRED;
  }

  /** The statuses the public sees, in lifecycle order. */
  public static Set<AgreementStatus> publicStatuses() {
    EnumSet<AgreementStatus> out = EnumSet.noneOf(AgreementStatus.class);
    Arrays.stream(values()).filter(AgreementStatus::isPublic).forEach(out::add);
    return out;
  }

  /**
   * Where a public agreement stands, in the register's words: approved but before its start date,
   * in force (including review due and suspended), or ended. Empty for statuses the public does not
   * see.
   */
  public Optional<Phase> phase() {
    return switch (this) {
      case APPROVED -> Optional.of(Phase.NOT_STARTED);
      case ACTIVE, REVIEW_DUE, SUSPENDED -> Optional.of(Phase.IN_FORCE);
      case TERMINATED, EXPIRED -> Optional.of(Phase.ENDED);
      default -> Optional.empty();
    };
  }

  /** The public phases of an agreement, each with the words the register uses. */
  public enum Phase {
    NOT_STARTED("Approved, not yet started"),
    IN_FORCE("In force"),
    ENDED("Ended");

    private final String words;

    Phase(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /** Approved and not ended: the version in force binds the parties. */
  public boolean inForce() {
    return this == APPROVED || this == ACTIVE || this == REVIEW_DUE || this == SUSPENDED;
  }
}
