package org.datasharing.registry.core.agreement;

import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.agreement.AgreementPolicy.Refusal;
import org.datasharing.registry.core.common.Actor;

/**
 * The per-action checks behind {@link AgreementPolicy#check}: for each action, who may do it and in
 * which state of the agreement, with the refusal's words. Only {@link AgreementPolicy} calls these;
 * everyone else asks it, so the rules stay in one place.
 */
final class ActionChecks {
  private ActionChecks() {}

  static Optional<Refusal> work(
      Actor actor, AgreementSnapshot a, AgreementStatus needed, String verb) {
    if (a.workflowStatus() != needed) {
      return Refusal.conflict(
          "Agreement "
              + a.slug()
              + " cannot be "
              + verb
              + " while it is "
              + a.workflowStatus()
              + (needed == AgreementStatus.DRAFT ? "; only a draft can be" : ""));
    }
    Optional<Refusal> stopped = amendmentStopped(a);
    if (stopped.isPresent()) {
      return stopped;
    }
    if (!memberOfParty(actor, a, a.currentVersion())) {
      return Refusal.forbidden("Only staff of a party can work on this version of the agreement");
    }
    return Optional.empty();
  }

  static Optional<Refusal> amend(Actor actor, AgreementSnapshot a) {
    if (a.status() != AgreementStatus.ACTIVE && a.status() != AgreementStatus.REVIEW_DUE) {
      return Refusal.conflict(
          "Only an active agreement can be amended; agreement " + a.slug() + " is " + a.status());
    }
    if (a.amendmentStatus().filter(s -> s != AgreementStatus.REJECTED).isPresent()) {
      return Refusal.conflict("Agreement " + a.slug() + " already has an amendment under way");
    }
    if (!memberOfParty(actor, a, a.versionInForce().orElse(a.currentVersion()))) {
      return Refusal.forbidden(
          "Only staff of a party to the version in force can amend this agreement");
    }
    return Optional.empty();
  }

  static Optional<Refusal> decide(Actor actor, AgreementSnapshot a) {
    if (!actor.has(Actor.Role.DPO) || actor.organisation().isEmpty()) {
      return Refusal.forbidden("Only a data protection officer can decide on an agreement");
    }
    String org = actor.organisation().get();
    Node v = a.currentVersion();
    Optional<Refusal> notAwaiting = awaitingApprovalOf(org, a);
    if (notAwaiting.isPresent()) {
      return notAwaiting;
    }
    if (a.decisionsOn(v).stream().anyMatch(d -> d.organisation().equals(org))) {
      return Refusal.conflict("Your organisation has already decided on version " + a.number(v));
    }
    return Optional.empty();
  }

  /**
   * Whether the current version awaits the organisation's approval (the DPO's decision, then any
   * sign-off): it is a decider, the version is submitted, and no refused amendment stops it.
   */
  private static Optional<Refusal> awaitingApprovalOf(String org, AgreementSnapshot a) {
    if (!AgreementPolicy.deciders(a, a.currentVersion()).contains(org)) {
      return Refusal.forbidden(
          "Your organisation's approval is not needed on agreement " + a.slug());
    }
    if (a.workflowStatus() != AgreementStatus.SUBMITTED) {
      return Refusal.conflict(
          "Agreement " + a.slug() + " is not awaiting decisions; it is " + a.workflowStatus());
    }
    Optional<Refusal> stopped = amendmentStopped(a);
    if (stopped.isPresent()) {
      return stopped;
    }
    return Optional.empty();
  }

  static Optional<Refusal> signOff(Actor actor, AgreementSnapshot a) {
    if (!actor.has(Actor.Role.SENIOR_OFFICER) || actor.organisation().isEmpty()) {
      return Refusal.forbidden("Only a senior officer can sign off an organisation's approval");
    }
    String org = actor.organisation().get();
    Node v = a.currentVersion();
    Optional<Refusal> notAwaiting = awaitingApprovalOf(org, a);
    if (notAwaiting.isPresent()) {
      return notAwaiting;
    }
    if (a.decisionsOn(v).stream()
        .noneMatch(d -> d.organisation().equals(org) && d.pendingSignOff())) {
      return Refusal.conflict(
          "Your organisation has no approval of version "
              + a.number(v)
              + " awaiting sign-off: its data protection officer approves first");
    }
    return Optional.empty();
  }

  static Optional<Refusal> afterApproval(Actor actor, AgreementSnapshot a, AgreementStatus target) {
    Node inForce = a.versionInForce().orElse(a.currentVersion());
    if (!actor.has(Actor.Role.DPO)
        || actor.organisation().filter(a.partyOrganisations(inForce)::contains).isEmpty()) {
      return Refusal.forbidden("Only the data protection officer of a party can do this");
    }
    boolean resumeAllowed =
        target != AgreementStatus.ACTIVE || a.status() == AgreementStatus.SUSPENDED;
    if (!a.status().canMoveTo(target) || !resumeAllowed) {
      return Refusal.conflict(
          "Agreement " + a.slug() + " cannot move from " + a.status() + " to " + target);
    }
    return Optional.empty();
  }

  static Optional<Refusal> review(Actor actor, AgreementSnapshot a) {
    if (!actor.has(Actor.Role.DPO)
        || actor.organisation().filter(AgreementPolicy.reviewers(a)::contains).isEmpty()) {
      return Refusal.forbidden(
          "Only the data protection officer of a party to the version in force can record a"
              + " review decision");
    }
    if (a.status() != AgreementStatus.REVIEW_DUE) {
      return Refusal.conflict(
          "Agreement " + a.slug() + " is not due for review; it is " + a.status());
    }
    return Optional.empty();
  }

  static Optional<Refusal> leave(Actor actor, AgreementSnapshot a) {
    Node inForce = a.versionInForce().orElse(a.currentVersion());
    List<String> parties = a.partyOrganisations(inForce);
    if (!actor.has(Actor.Role.DPO) || actor.organisation().filter(parties::contains).isEmpty()) {
      return Refusal.forbidden(
          "Only the data protection officer of a party to the version in force can give notice of"
              + " leaving it");
    }
    if (a.status() != AgreementStatus.APPROVED
        && a.status() != AgreementStatus.ACTIVE
        && a.status() != AgreementStatus.REVIEW_DUE) {
      return Refusal.conflict(
          "Only an agreement in force (approved, active or due for review) can be left; agreement "
              + a.slug()
              + " is "
              + a.status());
    }
    if (parties.size() < 3) {
      return Refusal.conflict(
          "Agreement "
              + a.slug()
              + " has two parties: leaving it would end it for both, so terminate it instead");
    }
    if (a.amendmentStatus().filter(s -> s != AgreementStatus.REJECTED).isPresent()) {
      return Refusal.conflict(
          "Agreement "
              + a.slug()
              + " already has an amendment under way; give notice of leaving once it is decided");
    }
    return Optional.empty();
  }

  static Optional<Refusal> reportIncident(Actor actor, AgreementSnapshot a) {
    if (!a.status().isPublic() || a.versionInForce().isEmpty()) {
      return Refusal.conflict(
          "No data has been shared under agreement "
              + a.slug()
              + ": it has never been approved, so there is no incident to record under it");
    }
    if (!memberOfParty(actor, a, a.versionInForce().get())) {
      return Refusal.forbidden(
          "Only staff of a party to the version in force can record an incident");
    }
    return Optional.empty();
  }

  static Optional<Refusal> confirmDestruction(Actor actor, AgreementSnapshot a) {
    Optional<Node> last = AgreementPolicy.publicVersion(a);
    if (!actor.has(Actor.Role.DPO)
        || last.isEmpty()
        || actor.organisation().filter(a.partyOrganisations(last.get())::contains).isEmpty()) {
      return Refusal.forbidden(
          "Only the data protection officer of a party to the agreement's last version in force can"
              + " confirm what their organisation did with the data");
    }
    if (a.status() != AgreementStatus.TERMINATED && a.status() != AgreementStatus.EXPIRED) {
      return Refusal.conflict(
          "Agreement "
              + a.slug()
              + " has not ended; the data is destroyed or returned once it is terminated or"
              + " expired");
    }
    if (a.destructionConfirmations().containsKey(actor.organisation().get())) {
      return Refusal.conflict("Your organisation has already confirmed what it did with the data");
    }
    return Optional.empty();
  }

  static Optional<Refusal> withdraw(Actor actor, AgreementSnapshot a) {
    Optional<Refusal> notAuthor = author(actor, a, "withdraw");
    if (notAuthor.isPresent()) {
      return notAuthor;
    }
    if (a.workflowStatus() != AgreementStatus.SUBMITTED) {
      return Refusal.conflict(
          "Only a submitted version can be withdrawn; agreement "
              + a.slug()
              + " is "
              + a.workflowStatus());
    }
    Optional<Refusal> stopped = amendmentStopped(a);
    if (stopped.isPresent()) {
      return stopped;
    }
    Node v = a.currentVersion();
    if (!a.decisionsOn(v).isEmpty()) {
      return Refusal.conflict(
          "Version "
              + a.number(v)
              + " of agreement "
              + a.slug()
              + " already has a decision; it can no longer be withdrawn");
    }
    return Optional.empty();
  }

  static Optional<Refusal> delete(Actor actor, AgreementSnapshot a) {
    Optional<Refusal> notAuthor = author(actor, a, "delete");
    if (notAuthor.isPresent()) {
      return notAuthor;
    }
    boolean neverSubmitted =
        a.status() == AgreementStatus.DRAFT
            && a.amendmentStatus().isEmpty()
            && a.versions().size() == 1
            && !a.everSubmitted()
            && a.versions().stream().allMatch(v -> a.decisionsOn(v).isEmpty());
    if (!neverSubmitted) {
      return Refusal.conflict(
          "Only a draft that was never submitted can be deleted; agreement "
              + a.slug()
              + " was submitted, so the record stays (withdraw it instead while no one has"
              + " decided)");
    }
    return Optional.empty();
  }

  /** Refuses anyone but staff of the organisation that drafted the agreement. */
  private static Optional<Refusal> author(Actor actor, AgreementSnapshot a, String verb) {
    Optional<String> author = a.authorOrganisation();
    if (author.isEmpty()) {
      return Refusal.conflict(
          "Agreement "
              + a.slug()
              + " does not record which organisation drafted it, so no one can "
              + verb
              + " it");
    }
    if (actor.organisation().filter(o -> actor.memberOf(o) && o.equals(author.get())).isEmpty()) {
      return Refusal.forbidden(
          "Only staff of the organisation that drafted agreement "
              + a.slug()
              + " can "
              + verb
              + " it");
    }
    return Optional.empty();
  }

  /** Refuses going on with an amendment of an agreement that is no longer in force. */
  private static Optional<Refusal> amendmentStopped(AgreementSnapshot a) {
    if (a.amendmentStatus().isPresent() && !a.status().inForce()) {
      return Refusal.conflict(
          "Agreement " + a.slug() + " is " + a.status() + "; its amendment can go no further");
    }
    return Optional.empty();
  }

  private static boolean memberOfParty(Actor actor, AgreementSnapshot a, Node v) {
    return actor
        .organisation()
        .filter(o -> actor.memberOf(o) && a.partyOrganisations(v).contains(o))
        .isPresent();
  }
}
