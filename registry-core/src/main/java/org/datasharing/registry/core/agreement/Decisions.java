package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.agreement.AgreementWrites.add;
import static org.datasharing.registry.core.agreement.AgreementWrites.timeLit;
import static org.datasharing.registry.core.common.Result.conflict;
import static org.datasharing.registry.core.common.Result.invalid;
import static org.datasharing.registry.core.common.Result.notFound;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.agreement.AgreementWrites.Pending;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * Each party's DPO decision on the exact text of the version awaiting decision, recorded with that
 * text's hash; the last approval puts the version in force.
 */
final class Decisions {
  private final AgreementWrites writes;
  private final Ids ids;
  private final Clock clock;
  private final VersionHashes hashes;
  private final AssuranceCheck assurance;
  private final RegistryStore store;

  Decisions(
      AgreementWrites writes,
      Ids ids,
      Clock clock,
      VersionHashes hashes,
      AssuranceCheck assurance,
      RegistryStore store) {
    this.writes = writes;
    this.ids = ids;
    this.clock = clock;
    this.hashes = hashes;
    this.assurance = assurance;
    this.store = store;
  }

  /**
   * Whether the organisation's approval needs its senior officer's sign-off (the organisation
   * setting {@code dsr:requiresSeniorSignOff true}); when it does, {@code evidence} gets a guard on
   * the setting, else one on its absence, so an approval never commits on a setting that changed.
   */
  boolean requiresSignOff(String org, List<Guard> evidence) {
    Node o = ids.organisation(org);
    Node yes = OrganisationService.TRUE;
    boolean required = OrganisationService.requiresSeniorSignOff(store, o);
    evidence.add(
        required
            ? Guard.exists(Graphs.ORGANISATIONS_NODE, o, DSR.requiresSeniorSignOff.asNode(), yes)
            : Guard.absent(Graphs.ORGANISATIONS_NODE, o, DSR.requiresSeniorSignOff.asNode(), yes));
    return required;
  }

  /**
   * Refuses a decision or sign-off that names another version than the one awaiting it (409), or
   * names no content hash of what the person read (422).
   */
  private static Optional<Result<Pending>> notTheVersionRead(
      AgreementSnapshot a, Node named, int versionNumber, String contentHash, String awaiting) {
    Node v = a.currentVersion();
    if (!named.equals(v)) {
      return Optional.of(
          conflict(
              "Version "
                  + versionNumber
                  + " is not the version awaiting "
                  + awaiting
                  + " ("
                  + a.number(v)
                  + ")"));
    }
    if (contentHash == null || contentHash.isBlank()) {
      return Optional.of(
          invalid(new Violation("contentHash", "Name the content hash of the version you read")));
    }
    return Optional.empty();
  }

  Result<AgreementView> decide(
      Actor actor,
      String id,
      int versionNumber,
      String contentHash,
      Outcome outcome,
      Optional<String> reason) {
    return writes.attempt(
        id,
        a -> {
          Node v = a.currentVersion();
          Optional<Node> named = a.version(versionNumber);
          if (named.isEmpty()) {
            return notFound("Agreement " + id + " has no version " + versionNumber);
          }
          Optional<AgreementPolicy.Refusal> refused =
              AgreementPolicy.check(actor, a, AgreementPolicy.Action.DECIDE);
          if (refused.isPresent()) {
            return refused.get().result();
          }
          String org = actor.organisation().orElseThrow();
          Optional<Result<Pending>> unread =
              notTheVersionRead(a, named.get(), versionNumber, contentHash, "decision");
          if (unread.isPresent()) {
            return unread.get();
          }
          String hash = hashes.of(a, v);
          if (!hash.equals(contentHash.strip())) {
            // checked on the snapshot being committed: the text decided on is the text read
            return conflict(
                "You read a different text of version "
                    + versionNumber
                    + " of agreement "
                    + a.slug()
                    + " than the one awaiting decision; read it again before deciding");
          }
          if (outcome != Outcome.APPROVE && reason.filter(r -> !r.isBlank()).isEmpty()) {
            return invalid(
                new Violation("reason", "Give a reason when you reject or request changes"));
          }
          List<Guard> evidence = new ArrayList<>();
          boolean awaitsSignOff = false;
          if (outcome == Outcome.APPROVE) {
            Optional<AssuranceCheck.Gap> gap = assurance.gap(a, v, org, evidence);
            if (gap.isPresent()) {
              return invalid(new Violation("assurance", yours(gap.get())));
            }
            awaitsSignOff = requiresSignOff(org, evidence);
          }
          Instant now = clock.instant();
          Node d = ids.decision(a.iri(), UUID.randomUUID().toString());
          Node ag = a.iri();
          List<Quad> add = new ArrayList<>();
          add(add, ag, d, RDF.type.asNode(), DSR.Decision.asNode());
          add(add, ag, d, RDF.type.asNode(), PROV.Activity.asNode());
          add(add, ag, d, DSR.decisionOn.asNode(), v);
          add(add, ag, d, DSR.outcome.asNode(), outcome.node());
          add(add, ag, d, PROV.wasAssociatedWith.asNode(), ids.user(actor));
          add(add, ag, d, DSR.onBehalfOf.asNode(), ids.organisation(org));
          add(add, ag, d, PROV.endedAtTime.asNode(), timeLit(now));
          add(add, ag, d, DSR.contentHash.asNode(), NodeFactory.createLiteralString(hash));
          if (awaitsSignOff) {
            add(
                add,
                ag,
                d,
                DSR.awaitsSignOff.asNode(),
                NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));
          }
          reason
              .filter(r -> !r.isBlank())
              .ifPresent(
                  r ->
                      add(
                          add,
                          ag,
                          d,
                          DSR.reason.asNode(),
                          NodeFactory.createLiteralString(r.strip())));
          List<Quad> remove = new ArrayList<>();
          String detail = outcome.name().toLowerCase().replace('_', ' ') + " by " + org;
          if (awaitsSignOff) {
            detail += "; awaiting sign-off by its senior officer";
          }
          AgreementStatus next =
              switch (outcome) {
                case REJECT -> AgreementStatus.REJECTED;
                case REQUEST_CHANGES -> AgreementStatus.CHANGES_REQUESTED;
                case APPROVE ->
                    AgreementPolicy.approvalComplete(a, v, awaitsSignOff ? Set.of() : Set.of(org))
                        ? AgreementStatus.APPROVED
                        : AgreementStatus.SUBMITTED;
              };
          detail += moveOn(a, v, next, remove, add);
          if (reason.isPresent() && outcome != Outcome.APPROVE) {
            detail += ": " + reason.get().strip();
          }
          // the assurance read above must still hold when the decision commits
          return Result.ok(
              new Pending(remove, add, DSR.Decide.asNode(), v, hash, detail, evidence));
        },
        actor);
  }

  /**
   * A senior officer's sign-off of their organisation's DPO approval of the version they read,
   * bound to the same content hash; the organisation's approval counts from now on, and the last
   * approval needed puts the version in force, as a decision does.
   */
  Result<AgreementView> signOff(Actor actor, String id, int versionNumber, String contentHash) {
    return writes.attempt(
        id,
        a -> {
          Node v = a.currentVersion();
          Optional<Node> named = a.version(versionNumber);
          if (named.isEmpty()) {
            return notFound("Agreement " + id + " has no version " + versionNumber);
          }
          Optional<AgreementPolicy.Refusal> refused =
              AgreementPolicy.check(actor, a, AgreementPolicy.Action.SIGN_OFF);
          if (refused.isPresent()) {
            return refused.get().result();
          }
          String org = actor.organisation().orElseThrow();
          Optional<Result<Pending>> unread =
              notTheVersionRead(a, named.get(), versionNumber, contentHash, "sign-off");
          if (unread.isPresent()) {
            return unread.get();
          }
          String hash = hashes.of(a, v);
          AgreementSnapshot.Decision approval =
              a.decisionsOn(v).stream()
                  .filter(d -> d.organisation().equals(org) && d.pendingSignOff())
                  .findFirst()
                  .orElseThrow();
          if (!hash.equals(contentHash.strip()) || !hash.equals(approval.contentHash())) {
            return conflict(
                "You read a different text of version "
                    + versionNumber
                    + " of agreement "
                    + a.slug()
                    + " than the one your data protection officer approved; read it again before"
                    + " signing off");
          }
          Instant now = clock.instant();
          Node s = ids.decision(a.iri(), "sign-off-" + UUID.randomUUID());
          Node ag = a.iri();
          List<Quad> add = new ArrayList<>();
          List<Quad> remove = new ArrayList<>();
          add(add, ag, s, RDF.type.asNode(), DSR.OrganisationSignOff.asNode());
          add(add, ag, s, RDF.type.asNode(), PROV.Activity.asNode());
          add(add, ag, s, DSR.signOffOf.asNode(), approval.iri());
          add(add, ag, s, PROV.wasAssociatedWith.asNode(), ids.user(actor));
          add(add, ag, s, DSR.onBehalfOf.asNode(), ids.organisation(org));
          add(add, ag, s, PROV.endedAtTime.asNode(), timeLit(now));
          add(add, ag, s, DSR.contentHash.asNode(), NodeFactory.createLiteralString(hash));
          AgreementStatus next =
              AgreementPolicy.approvalComplete(a, v, Set.of(org))
                  ? AgreementStatus.APPROVED
                  : AgreementStatus.SUBMITTED;
          String detail = "signed off by " + org + moveOn(a, v, next, remove, add);
          return Result.ok(new Pending(remove, add, DSR.SignOff.asNode(), v, hash, detail));
        },
        actor);
  }

  /**
   * Moves the workflow on after a decision or sign-off: to {@code next} unless it stays submitted,
   * putting an approved version in force. Returns what to add to the audit detail.
   */
  private String moveOn(
      AgreementSnapshot a, Node v, AgreementStatus next, List<Quad> remove, List<Quad> add) {
    Node ag = a.iri();
    String detail = "";
    if (next != AgreementStatus.SUBMITTED) {
      detail +=
          "; agreement now "
              + (a.amendmentStatus().isPresent() && next == AgreementStatus.APPROVED
                  ? "amended"
                  : next);
      AgreementWrites.setWorkflowStatus(a, next, remove, add);
      if (next == AgreementStatus.APPROVED) {
        a.triples(ag, DSR.versionInForce.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
        add(add, ag, ag, DSR.versionInForce.asNode(), v);
        detail += afterAmendment(a, v, remove, add);
      }
    }
    return detail;
  }

  /**
   * An approved amendment that sets a new review date replaces a date agreed at an earlier review
   * (one that keeps the date, such as a party leaving, keeps the agreed date too); an agreement due
   * for review whose review date is then in the future is active again: the approval completes the
   * review.
   */
  private String afterAmendment(AgreementSnapshot a, Node v, List<Quad> remove, List<Quad> add) {
    if (a.amendmentStatus().isEmpty() || a.versionInForce().isEmpty()) {
      return "";
    }
    Node ag = a.iri();
    Optional<LocalDate> review = a.date(v, DSR.reviewDate.asNode());
    boolean newDate = !review.equals(a.date(a.versionInForce().get(), DSR.reviewDate.asNode()));
    if (newDate) {
      a.triples(ag, DSR.nextReviewDate.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
    }
    Optional<LocalDate> due = newDate ? review : a.reviewDue();
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (a.status() != AgreementStatus.REVIEW_DUE || due.filter(today::isBefore).isEmpty()) {
      return "";
    }
    a.triples(ag, DSR.status.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
    add(add, ag, ag, DSR.status.asNode(), AgreementStatus.ACTIVE.node());
    return "; review completed by the amendment: active again, next review on " + due.get();
  }

  private static String yours(AssuranceCheck.Gap gap) {
    return gap.expiredOn()
        .map(
            d ->
                "Your organisation's "
                    + gap.scheme()
                    + " assurance expired on "
                    + d
                    + "; renew it before approving")
        .orElse(
            "Your organisation has no "
                + gap.scheme()
                + " assurance on record, which this agreement requires");
  }
}
