package org.datasharing.registry.core.agreement;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * The one agreement policy: who may see an agreement, who may do what to it, whose approval a
 * version needs and when approval is complete. The service guards, the API, the pages, the list of
 * agreements and the SPARQL access view all ask here, so they cannot disagree.
 *
 * <p>The rules, in words:
 *
 * <ul>
 *   <li><b>See</b>: auditors; staff (partner or DPO) or a senior officer of an organisation party
 *       to any version.
 *   <li><b>Edit, submit</b> a draft, <b>revise</b> after changes were requested, <b>amend</b> an
 *       agreement in force: staff of a party (to the version being worked on; to the version in
 *       force for an amendment). Work on an amendment stops when the agreement is no longer in
 *       force (terminated or expired).
 *   <li><b>Decide</b>: the DPO of an organisation whose approval the version needs: its parties
 *       and, for an amendment, every party to the version in force, so that no party can be dropped
 *       (or bound to new terms) without its consent.
 *   <li><b>Sign off</b>: a senior officer of an organisation that requires sign-off, once its DPO
 *       approved the version awaiting decision and before anyone signed that approval off. Only
 *       then does the organisation's approval count (see {@link #approvedBy}).
 *   <li><b>Suspend, resume, terminate</b>: the DPO of a party to the version in force.
 *   <li><b>Review</b> (continue, amend or end) an agreement due for review: the DPO of each party
 *       to the version in force, except one that gave notice of leaving it; a party may change its
 *       decision until the review completes.
 *   <li><b>Leave</b> an agreement in force (approved, active or due for review) with three or more
 *       parties: the DPO of a party to the version in force, for their own organisation, while no
 *       other amendment is under way. The others continue on a new version without it, which the
 *       leaving organisation need not approve. With two parties, leaving is terminating.
 *   <li><b>Report an incident</b> (a personal data breach affecting the shared data): staff
 *       (partner or DPO) of a party to the version in force, while the agreement is in force or
 *       after it ended (the recipients may still hold the data).
 *   <li><b>Confirm destruction</b> of the shared data once an agreement ended (terminated or
 *       expired): the DPO of a party to the last version in force, once for their organisation.
 *   <li><b>Each party answers for itself</b>: its own answers (lawful basis, conditions, statutory
 *       power, contacts and the rest of {@link #OWN_ANSWERS}) are changed only by its own staff;
 *       who the parties are and their roles, like the rest of the text, by staff of any party.
 *   <li><b>Withdraw</b> a submitted version before any decision on it, <b>delete</b> a draft that
 *       was never submitted: staff of the organisation that drafted the agreement.
 * </ul>
 */
public final class AgreementPolicy {
  private AgreementPolicy() {}

  /** What an actor may try to do to an agreement. */
  public enum Action {
    SEE,
    EDIT,
    SUBMIT,
    REVISE,
    AMEND,
    DECIDE,
    SIGN_OFF,
    SUSPEND,
    RESUME,
    TERMINATE,
    REVIEW,
    LEAVE,
    WITHDRAW,
    DELETE,
    REPORT_INCIDENT,
    CONFIRM_DESTRUCTION
  }

  /** Why an action is refused, and how the refusal is answered (forbidden or conflict). */
  public record Refusal(Result.Failure failure, String reason) {
    public <T> Result<T> result() {
      return failure == Result.Failure.FORBIDDEN
          ? Result.forbidden(reason)
          : Result.conflict(reason);
    }

    /** A refusal answered 403: the actor may not do this at all. */
    static Optional<Refusal> forbidden(String reason) {
      return Optional.of(new Refusal(Result.Failure.FORBIDDEN, reason));
    }

    /** A refusal answered 409: the action does not fit the agreement's state now. */
    static Optional<Refusal> conflict(String reason) {
      return Optional.of(new Refusal(Result.Failure.CONFLICT, reason));
    }
  }

  /** Every action's answer for the actor: empty when allowed, else the refusal. */
  static Map<Action, Optional<Refusal>> capabilities(Actor actor, AgreementSnapshot a) {
    Map<Action, Optional<Refusal>> out = new EnumMap<>(Action.class);
    for (Action action : Action.values()) {
      out.put(action, check(actor, a, action));
    }
    return out;
  }

  /** Whether the actor may do the action now; empty when allowed. */
  static Optional<Refusal> check(Actor actor, AgreementSnapshot a, Action action) {
    if (!canSee(actor, a)) {
      return Refusal.forbidden("Your organisation is not party to agreement " + a.slug());
    }
    return switch (action) {
      case SEE -> Optional.empty();
      case EDIT -> ActionChecks.work(actor, a, AgreementStatus.DRAFT, "edited");
      case SUBMIT -> ActionChecks.work(actor, a, AgreementStatus.DRAFT, "submitted");
      case REVISE -> ActionChecks.work(actor, a, AgreementStatus.CHANGES_REQUESTED, "revised");
      case AMEND -> ActionChecks.amend(actor, a);
      case DECIDE -> ActionChecks.decide(actor, a);
      case SIGN_OFF -> ActionChecks.signOff(actor, a);
      case SUSPEND -> ActionChecks.afterApproval(actor, a, AgreementStatus.SUSPENDED);
      case RESUME -> ActionChecks.afterApproval(actor, a, AgreementStatus.ACTIVE);
      case TERMINATE -> ActionChecks.afterApproval(actor, a, AgreementStatus.TERMINATED);
      case REVIEW -> ActionChecks.review(actor, a);
      case LEAVE -> ActionChecks.leave(actor, a);
      case WITHDRAW -> ActionChecks.withdraw(actor, a);
      case DELETE -> ActionChecks.delete(actor, a);
      case REPORT_INCIDENT -> ActionChecks.reportIncident(actor, a);
      case CONFIRM_DESTRUCTION -> ActionChecks.confirmDestruction(actor, a);
    };
  }

  /**
   * Whether the actor may give notice that {@code organisation} leaves: {@link Action#LEAVE}, and a
   * data protection officer speaks only for their own organisation. Who may ask is answered before
   * the agreement's state, so asking for another organisation is refused (403) whatever the state.
   */
  static Optional<Refusal> checkLeave(Actor actor, AgreementSnapshot a, String organisation) {
    Optional<Refusal> refused = check(actor, a, Action.LEAVE);
    if (refused.filter(r -> r.failure() == Result.Failure.FORBIDDEN).isPresent()) {
      return refused;
    }
    if (actor.organisation().filter(organisation::equals).isEmpty()) {
      return Refusal.forbidden(
          "A data protection officer can give notice of leaving only for their own organisation");
    }
    return refused;
  }

  /**
   * The answers a party gives for itself: every party field but who it is and its role, which are
   * part of the shared text.
   */
  public static final Set<Field.PartyField> OWN_ANSWERS =
      java.util.Collections.unmodifiableSet(
          java.util.EnumSet.complementOf(
              java.util.EnumSet.of(Field.PartyField.ORGANISATION, Field.PartyField.ROLE)));

  /** Whether the actor answers for the party that is this organisation: one of its staff. */
  public static boolean answersFor(Actor actor, String organisation) {
    return actor
        .organisation()
        .filter(o -> actor.memberOf(o) && o.equals(organisation))
        .isPresent();
  }

  /**
   * Refuses an edit that changes (gives, alters or clears) another party's own answers: each party
   * answers for itself. A party is matched by its organisation, so adding, removing or moving
   * parties is not an answer; a new party's answers are its own to give. A new draft is checked
   * against {@link AgreementContent#NONE}: its drafter names the other parties and their roles but
   * gives none of their answers.
   */
  static Optional<Refusal> partyAnswers(
      Actor actor, AgreementContent before, AgreementContent after) {
    for (int i = 0; i < after.parties().size(); i++) {
      Map<String, Object> party = after.parties().get(i);
      String org = String.valueOf(party.get(Field.PartyField.ORGANISATION.apiName()));
      if (answersFor(actor, org)) {
        continue;
      }
      Map<String, Object> was =
          before.parties().stream()
              .filter(p -> org.equals(String.valueOf(p.get("organisation"))))
              .findFirst()
              .orElse(Map.of());
      for (Field.PartyField f : OWN_ANSWERS) {
        if (!java.util.Objects.equals(was.get(f.apiName()), party.get(f.apiName()))) {
          return Refusal.forbidden(
              "Party "
                  + (i + 1)
                  + " ("
                  + org
                  + ") answers for itself: only its own staff can give or change its "
                  + f.apiName());
        }
      }
    }
    return Optional.empty();
  }

  /** Auditors (and the system) see every agreement; staff of a party to any version see it. */
  static boolean canSee(Actor actor, AgreementSnapshot a) {
    return canSee(
        actor, o -> a.versions().stream().anyMatch(v -> a.partyOrganisations(v).contains(o)));
  }

  /**
   * The same rule for a list row: whether the actor sees an agreement whose versions name these
   * organisations as parties.
   */
  public static boolean canSee(Actor actor, Set<String> partiesOfAnyVersion) {
    return canSee(actor, partiesOfAnyVersion::contains);
  }

  private static boolean canSee(Actor actor, Predicate<String> partyToAnyVersion) {
    if (actor.has(Actor.Role.AUDITOR) || actor.equals(Actor.system())) {
      return true;
    }
    return actor
        .organisation()
        .filter(o -> actor.memberOf(o) || actor.seniorOfficerOf(o))
        .filter(partyToAnyVersion)
        .isPresent();
  }

  /**
   * Whether a graph is an agreement's graph: named by an agreement IRI this registry minted. A
   * graph's own claims (a type triple, an identifier) are never enough.
   */
  public static boolean isAgreementGraph(Ids ids, Node graph) {
    return graph.isURI() && ids.slug(graph, "agreement").isPresent();
  }

  /**
   * The organisations whose approval a version needs: its parties and, when it amends a version
   * that was in force, that version's parties too.
   */
  static Set<String> deciders(AgreementSnapshot a, Node version) {
    Set<String> out = new TreeSet<>(a.partyOrganisations(version));
    approvedAncestor(a, version)
        .ifPresent(
            p -> {
              Set<String> before = new TreeSet<>(a.partyOrganisations(p));
              // The exception to amendment consent: an organisation that gave notice of leaving the
              // version in force cannot block the version the others continue on. It stays a
              // decider only of a version that still names it as a party.
              before.removeAll(a.leavers(p));
              out.addAll(before);
            });
    return out;
  }

  /** The nearest earlier version that was approved (in force): what this version amends. */
  private static Optional<Node> approvedAncestor(AgreementSnapshot a, Node version) {
    Set<Node> seen = new LinkedHashSet<>();
    Optional<Node> p = a.one(version, PROV.wasRevisionOf.asNode());
    while (p.isPresent() && seen.add(p.get())) {
      if (approvedBy(a, p.get()).containsAll(deciders(a, p.get()))) {
        return p;
      }
      p = a.one(p.get(), PROV.wasRevisionOf.asNode());
    }
    return Optional.empty();
  }

  /**
   * The version the public may see: the one in force, or for an agreement that ended without that
   * link, the last version every needed party approved. Never a draft.
   */
  static Optional<Node> publicVersion(AgreementSnapshot a) {
    if (a.versionInForce().isPresent()) {
      return a.versionInForce();
    }
    List<Node> versions = a.versions();
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (approvalComplete(a, versions.get(i), Set.of())) {
        return Optional.of(versions.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The organisations that approved the version: their DPO approved it and, where the organisation
   * requires it, their senior officer signed that approval off for the same content hash.
   */
  static Set<String> approvedBy(AgreementSnapshot a, Node version) {
    Set<String> out = new TreeSet<>();
    a.decisionsOn(version).stream()
        .filter(AgreementSnapshot.Decision::countsAsApproval)
        .forEach(d -> out.add(d.organisation()));
    return out;
  }

  /** Whether the version is approved once these organisations' approvals are added. */
  static boolean approvalComplete(AgreementSnapshot a, Node version, Set<String> more) {
    Set<String> approved = new TreeSet<>(approvedBy(a, version));
    approved.addAll(more);
    return approved.containsAll(deciders(a, version));
  }

  /**
   * The organisations whose review decisions a review needs: the parties to the version in force,
   * except any that gave notice of leaving it.
   */
  static Set<String> reviewers(AgreementSnapshot a) {
    Node inForce = a.versionInForce().orElse(a.currentVersion());
    Set<String> out = new TreeSet<>(a.partyOrganisations(inForce));
    out.removeAll(a.leavers(inForce));
    return out;
  }

  /** The actions allowed, for views. */
  static Set<Action> allowed(Map<Action, Optional<Refusal>> capabilities) {
    Set<Action> out = new LinkedHashSet<>();
    capabilities.forEach((k, v) -> v.ifPresentOrElse(r -> {}, () -> out.add(k)));
    return out;
  }

  static List<String> sortedDeciders(AgreementSnapshot a, Node version) {
    return List.copyOf(deciders(a, version));
  }
}
