package org.datasharing.registry.web.agreement;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.core.agreement.AgreementPolicy;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.agreement.VersionDiff;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.web.pages.Labels;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.pages.Questions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every form on an agreement's page shares: the page itself with the agreement's parties,
 * decisions, timeline and the actions the caller may take, and the same page again, 422, with the
 * errors of a refused form.
 */
@Component
class AgreementPage {
  private final AgreementService agreements;
  private final AuditTrail auditTrail;
  private final Labels labels;
  private final java.time.Clock clock;

  AgreementPage(
      AgreementService agreements, AuditTrail auditTrail, Labels labels, java.time.Clock clock) {
    this.agreements = agreements;
    this.auditTrail = auditTrail;
    this.labels = labels;
    this.clock = clock;
  }

  /** The words the pages use for organisations, statuses and times. */
  Labels labels() {
    return labels;
  }

  /**
   * A party of the version being worked on, with its organisation's decision on it, who decided
   * (the DPO's review) and, where the organisation requires it, who signed the approval off: people
   * as the audit log recorded them when they acted.
   */
  record PartyRow(
      Map<String, Object> party,
      AgreementView.DecisionView decision,
      String decidedBy,
      String signedOffBy) {
    public String organisation() {
      return String.valueOf(party.get("organisation"));
    }
  }

  /** A status change a DPO may make now. */
  record StatusAction(String value, String label, String hint) {}

  /**
   * A date given as day, month and year fields.
   *
   * @throws NumberFormatException when a field is not a number
   * @throws DateTimeException when the fields name no real date
   */
  static LocalDate date(String day, String month, String year) {
    return LocalDate.of(
        Integer.parseInt(year.strip()),
        Integer.parseInt(month.strip()),
        Integer.parseInt(day.strip()));
  }

  ModelAndView page(Actor actor, AgreementView a, List<Pages.ErrorLink> errors) {
    ModelAndView mav = new ModelAndView("agreement");
    String org = actor.organisation().orElse("");
    AgreementStatus workflow = a.amendmentStatus().orElse(a.status());
    List<AuditTrail.EventView> timeline =
        new ArrayList<>(auditTrail.forAgreement(NodeFactory.createURI(a.iri())));
    Collections.reverse(timeline);
    // the people who decided and signed off, as the audit log recorded them when they acted
    Map<String, String> people = new java.util.HashMap<>();
    timeline.forEach(e -> e.person().ifPresent(who -> people.putIfAbsent(e.agent(), who)));
    List<PartyRow> parties = new ArrayList<>();
    for (Map<String, Object> p : a.content().parties()) {
      String partyOrg = String.valueOf(p.get("organisation"));
      AgreementView.DecisionView decision =
          a.decisions().stream()
              .filter(d -> d.version() == a.currentVersion() && d.organisation().equals(partyOrg))
              .findFirst()
              .orElse(null);
      parties.add(
          new PartyRow(
              p,
              decision,
              decision == null
                  ? ""
                  : people.getOrDefault(
                      decision.decidedBy(), labels.lastSegment(decision.decidedBy())),
              decision == null || decision.signedOffBy().isEmpty()
                  ? ""
                  : people.getOrDefault(
                      decision.signedOffBy().get(),
                      labels.lastSegment(decision.signedOffBy().get()))));
    }
    List<StatusAction> statusActions = new ArrayList<>();
    if (a.can(AgreementPolicy.Action.SUSPEND)) {
      statusActions.add(
          new StatusAction("suspend", "Suspend", "Sharing stops until a DPO resumes it"));
    }
    if (a.can(AgreementPolicy.Action.RESUME)) {
      statusActions.add(new StatusAction("resume", "Resume", "Sharing starts again"));
    }
    if (a.can(AgreementPolicy.Action.TERMINATE)) {
      statusActions.add(
          new StatusAction(
              "terminate", "Terminate", "Sharing ends for good; this cannot be undone"));
    }
    mav.addObject("agreement", a);
    mav.addObject("workflow", workflow);
    mav.addObject("parties", parties);
    mav.addObject(
        "currentHash",
        a.versions().stream()
            .filter(v -> v.number() == a.currentVersion())
            .map(AgreementView.VersionSummary::contentHash)
            .findFirst()
            .orElse(""));
    mav.addObject("timeline", timeline);
    mav.addObject("incidents", incidentRows(a));
    mav.addObject("canLeave", a.can(AgreementPolicy.Action.LEAVE));
    mav.addObject("canConfirmDestruction", a.can(AgreementPolicy.Action.CONFIRM_DESTRUCTION));
    mav.addObject(
        "destructionOverdue", a.destructionDue().filter(clock.instant()::isAfter).isPresent());
    mav.addObject("canDecide", a.can(AgreementPolicy.Action.DECIDE));
    mav.addObject("canSignOff", a.can(AgreementPolicy.Action.SIGN_OFF));
    mav.addObject("canReportIncident", a.can(AgreementPolicy.Action.REPORT_INCIDENT));
    mav.addObject("incidentForm", Map.of());
    mav.addObject("canReview", a.can(AgreementPolicy.Action.REVIEW));
    mav.addObject("statusActions", statusActions);
    mav.addObject("canEdit", a.can(AgreementPolicy.Action.EDIT));
    mav.addObject("canRevise", a.can(AgreementPolicy.Action.REVISE));
    mav.addObject("canAmend", a.can(AgreementPolicy.Action.AMEND));
    mav.addObject("errors", errors);
    mav.addObject("roles", Questions.ROLES);
    mav.addObject("sections", Questions.STEPS);
    mav.addObject("partyQuestions", Questions.PARTY);
    mav.addObject("from", Math.max(1, a.currentVersion() - 1));
    mav.addObject("to", a.currentVersion());
    Result<List<AgreementService.PartyAssurance>> assurance = agreements.assurance(actor, a.id());
    mav.addObject("partyAssurance", assurance.ok() ? assurance.value() : List.of());
    mav.addObject("canWithdraw", a.can(AgreementPolicy.Action.WITHDRAW));
    mav.addObject("canDelete", a.can(AgreementPolicy.Action.DELETE));
    if (a.can(AgreementPolicy.Action.DECIDE) || a.can(AgreementPolicy.Action.SIGN_OFF)) {
      readBeforeDeciding(actor, a, org, mav);
    }
    return mav;
  }

  /**
   * An incident as the page shows it: the kind and severity in words, and whether the 72 hours for
   * reporting it to the ICO have passed.
   */
  record IncidentRow(
      AgreementView.IncidentView incident,
      String kind,
      String severity,
      java.util.Optional<java.time.Instant> icoReportDue,
      boolean overdue,
      boolean tellPeople) {}

  private List<IncidentRow> incidentRows(AgreementView a) {
    java.time.Instant now = clock.instant();
    return a.incidents().stream()
        .map(
            i ->
                new IncidentRow(
                    i,
                    switch (i.incident().kind()) {
                      case CONFIDENTIALITY -> "Confidentiality breach";
                      case INTEGRITY -> "Integrity breach";
                      case AVAILABILITY -> "Availability breach";
                    },
                    switch (i.incident().severity()) {
                      case RISK_UNLIKELY -> "Unlikely to result in a risk to people";
                      case RISK -> "A risk to people";
                      case HIGH_RISK -> "A high risk to people";
                    },
                    i.icoReportDue(),
                    i.icoReportDue().filter(now::isAfter).isPresent(),
                    i.incident().severity().tellPeople()))
        .toList();
  }

  /**
   * What a DPO reads before deciding: the declaration naming the version, its hash and their
   * organisation, and, when their organisation decided an earlier version, what changed since.
   */
  private void readBeforeDeciding(Actor actor, AgreementView a, String org, ModelAndView mav) {
    mav.addObject("deciderName", labels.organisation(org));
    a.decisions().stream()
        .filter(d -> d.organisation().equals(org) && d.version() < a.currentVersion())
        .mapToInt(AgreementView.DecisionView::version)
        .max()
        .ifPresent(
            earlier -> {
              Result<VersionDiff> since =
                  agreements.diff(actor, a.id(), earlier, a.currentVersion());
              mav.addObject("decidedBefore", earlier);
              mav.addObject("sinceDiff", since.ok() ? since.value() : null);
            });
  }

  /**
   * A form the core refused, on behalf of the page: the page again with each violation linked to
   * the input {@code anchorOf} names for its field, or with the conflict linked to {@code
   * conflictAnchor}; any other failure its own page.
   */
  ModelAndView refusal(
      Actor actor,
      String id,
      Result<?> r,
      String conflictField,
      String conflictAnchor,
      java.util.function.UnaryOperator<String> anchorOf) {
    if (r.failure() == Result.Failure.INVALID) {
      return again(
          actor,
          id,
          r.violations().stream()
              .map(v -> new Pages.ErrorLink(v.field(), anchorOf.apply(v.field()), v.message()))
              .toList());
    }
    if (r.failure() == Result.Failure.CONFLICT) {
      return again(
          actor, id, List.of(new Pages.ErrorLink(conflictField, conflictAnchor, r.message())));
    }
    return Pages.failure(r);
  }

  /**
   * A form the core refused: its violations linked to {@code anchor} (a reason to its own input),
   * or its conflict linked to {@code anchor}.
   */
  ModelAndView invalidOrConflict(Actor actor, String id, Result<?> r, String anchor) {
    return refusal(
        actor,
        id,
        r,
        anchor,
        anchor,
        field ->
            field.equals("reason")
                ? (anchor.equals("action") ? "statusReason" : "reason")
                : anchor);
  }

  ModelAndView again(Actor actor, String id, List<Pages.ErrorLink> errors) {
    Result<AgreementView> got = agreements.get(actor, id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    ModelAndView mav = page(actor, got.value(), errors);
    mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    return mav;
  }
}
