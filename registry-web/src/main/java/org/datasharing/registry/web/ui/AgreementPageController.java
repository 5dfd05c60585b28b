package org.datasharing.registry.web.ui;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.core.agreement.AgreementListing;
import org.datasharing.registry.core.agreement.AgreementPolicy;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.agreement.Incident;
import org.datasharing.registry.core.agreement.VersionDiff;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.evidence.EvidenceBundle;
import org.datasharing.registry.web.api.Reasons;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An agreement: its status, parties and their decisions with the exact content hash each DPO
 * approved, the provenance timeline from the audit log, the diff between two versions and the
 * version in force on a date; and the forms a party's staff and DPO use on it.
 */
@Controller
class AgreementPageController {
  private final AgreementService agreements;
  private final AuditTrail auditTrail;
  private final EvidenceBundle evidence;
  private final Labels labels;
  private final AgreementListing listing;
  private final java.time.Clock clock;

  AgreementPageController(
      AgreementService agreements,
      AuditTrail auditTrail,
      EvidenceBundle evidence,
      Labels labels,
      AgreementListing listing,
      java.time.Clock clock) {
    this.listing = listing;
    this.clock = clock;
    this.agreements = agreements;
    this.auditTrail = auditTrail;
    this.evidence = evidence;
    this.labels = labels;
  }

  /**
   * The agreements the caller may see, sorted, filtered by status, organisation and purpose and
   * searched by title ({@link AgreementListing}); a value it does not know comes back as the error
   * summary naming the parameter.
   */
  @GetMapping("/agreements")
  ModelAndView list(
      @RequestParam(defaultValue = "") List<String> status,
      @RequestParam(defaultValue = "") String organisation,
      @RequestParam(defaultValue = "") String purpose,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "") String sort,
      Authentication auth) {
    Actor actor = Actors.of(auth);
    ModelAndView mav = new ModelAndView("agreements");
    var query = new AgreementListing.Query(status, organisation, purpose, q, sort);
    Result<List<AgreementView.Summary>> r = listing.list(actor, query);
    mav.addObject("query", query);
    mav.addObject(
        "selectedStatuses",
        status.stream()
            .flatMap(x -> List.of(x.split(",")).stream())
            .map(x -> x.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
            .toList());
    mav.addObject("statusOptions", java.util.Arrays.asList(AgreementStatus.values()));
    // the filters offer what the caller's own agreements name, so every choice finds something
    List<AgreementView.Summary> all = agreements.list(actor);
    mav.addObject(
        "organisationOptions",
        all.stream()
            .flatMap(a -> a.parties().stream())
            .distinct()
            .sorted(java.util.Comparator.comparing(labels::organisation))
            .toList());
    mav.addObject(
        "purposeOptions",
        all.stream()
            .flatMap(a -> a.purposes().stream())
            .distinct()
            .sorted(java.util.Comparator.comparing(p -> labels.concept("purpose", p)))
            .toList());
    if (!r.ok()) {
      mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
      mav.addObject(
          "errors",
          r.violations().stream()
              .map(v -> new Pages.ErrorLink(v.field(), "filter-" + v.field(), v.message()))
              .toList());
      mav.addObject(
          "errorFor",
          r.violations().stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      v -> v.field(), v -> v.message(), (x, y) -> x + "; " + y)));
      mav.addObject("agreements", List.of());
      return mav;
    }
    mav.addObject("errorFor", Map.of());
    mav.addObject("agreements", r.value());
    return mav;
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

  @GetMapping("/agreements/{id}")
  ModelAndView show(
      @PathVariable String id,
      @RequestParam Optional<Integer> from,
      @RequestParam Optional<Integer> to,
      @RequestParam(name = "on-day", defaultValue = "") String day,
      @RequestParam(name = "on-month", defaultValue = "") String month,
      @RequestParam(name = "on-year", defaultValue = "") String year,
      Authentication auth) {
    from.ifPresent(n -> InvalidParameter.within("from", n, 1, Integer.MAX_VALUE));
    to.ifPresent(n -> InvalidParameter.within("to", n, 1, Integer.MAX_VALUE));
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = agreements.get(actor, id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    ModelAndView mav = page(actor, got.value(), List.of());
    AgreementView a = got.value();
    int to1 = to.orElse(a.currentVersion());
    int from1 = from.orElse(Math.max(1, to1 - 1));
    mav.addObject("from", from1);
    mav.addObject("to", to1);
    if (from.isPresent() || to.isPresent()) {
      Result<VersionDiff> diff = agreements.diff(actor, id, from1, to1);
      mav.addObject("diff", diff.ok() ? diff.value() : null);
      mav.addObject("diffProblem", diff.ok() ? null : diff.message());
    }
    mav.addObject("day", day);
    mav.addObject("month", month);
    mav.addObject("year", year);
    if (!day.isBlank() || !month.isBlank() || !year.isBlank()) {
      try {
        int y = Integer.parseInt(year.strip());
        if (y < 1 || y > 9999) {
          throw new DateTimeException("year out of range");
        }
        LocalDate on =
            LocalDate.of(y, Integer.parseInt(month.strip()), Integer.parseInt(day.strip()));
        var inForce =
            agreements.versionInForceAt(
                actor, id, on.atTime(LocalTime.MAX).atOffset(ZoneOffset.UTC).toInstant());
        mav.addObject("inForceOn", on.toString());
        mav.addObject("inForceVersion", inForce.ok() ? inForce.value().orElse(null) : null);
      } catch (NumberFormatException | DateTimeException e) {
        mav.addObject("inForceError", "The date must be a real date, for example 1 3 2027");
      }
    }
    return mav;
  }

  private ModelAndView page(Actor actor, AgreementView a, List<Pages.ErrorLink> errors) {
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

  /** The evidence bundle of the agreement (auditors): the same ZIP as the API's. */
  @GetMapping("/agreements/{id}/evidence")
  Object evidence(@PathVariable String id, Authentication auth) {
    Result<byte[]> zip = evidence.export(Actors.of(auth), id);
    if (!zip.ok()) {
      return Pages.failure(zip);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("evidence-" + id + ".zip").build().toString())
        .body(zip.value());
  }

  @PostMapping("/agreements/{id}/decision")
  ModelAndView decide(
      @PathVariable String id,
      @RequestParam int version,
      @RequestParam(defaultValue = "") String contentHash,
      @RequestParam(defaultValue = "") String outcome,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "false") boolean declaration,
      Authentication auth,
      RedirectAttributes redirect) {
    InvalidParameter.within("version", version, 1, Integer.MAX_VALUE);
    Actor actor = Actors.of(auth);
    ModelAndView refused =
        decideOrRefuse(actor, id, version, contentHash, outcome, reason, declaration, redirect);
    if (refused.getStatus() == HttpStatus.UNPROCESSABLE_CONTENT) {
      // a refused decision keeps what the DPO chose and wrote
      refused.addObject("chosenOutcome", outcome);
      refused.addObject("reasonText", reason);
      refused.addObject("declared", declaration);
    }
    return refused;
  }

  private ModelAndView decideOrRefuse(
      Actor actor,
      String id,
      int version,
      String contentHash,
      String outcome,
      String reason,
      boolean declaration,
      RedirectAttributes redirect) {
    Optional<AgreementService.Outcome> chosen =
        switch (outcome) {
          case "approve" -> Optional.of(AgreementService.Outcome.APPROVE);
          case "reject" -> Optional.of(AgreementService.Outcome.REJECT);
          case "request-changes" -> Optional.of(AgreementService.Outcome.REQUEST_CHANGES);
          default -> Optional.empty();
        };
    if (chosen.isEmpty()) {
      return again(
          actor, id, List.of(new Pages.ErrorLink("outcome", "outcome", "Select your decision")));
    }
    Optional<String> badReason = Reasons.problem(reason);
    if (badReason.isPresent()) {
      return again(actor, id, List.of(new Pages.ErrorLink("reason", "reason", badReason.get())));
    }
    if (chosen.get() == AgreementService.Outcome.APPROVE && !declaration) {
      // the page's declaration; API clients declare what they read by naming its hash
      return again(
          actor,
          id,
          List.of(
              new Pages.ErrorLink(
                  "declaration",
                  "declaration",
                  "Confirm that you have read version "
                      + version
                      + " and approve it for "
                      + labels.organisation(actor.organisation().orElse("")))));
    }
    Result<AgreementView> r =
        agreements.decide(
            actor,
            id,
            version,
            contentHash,
            chosen.get(),
            Optional.of(reason).filter(s -> !s.isBlank()));
    if (r.ok()) {
      AgreementView a = r.value();
      redirect.addFlashAttribute(
          "success",
          "Your decision is recorded: "
              + labels.outcome(chosen.get().name())
              + " on version "
              + version
              + ". The agreement is now "
              + labels.status(a.amendmentStatus().orElse(a.status())).toLowerCase()
              + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    return invalidOrConflict(actor, id, r, "outcome");
  }

  /**
   * A senior officer signs off their DPO's approval of the version they read: the declaration names
   * the version, its content hash and their organisation; the hash goes with it, so a text that
   * changed meanwhile is refused (409) and comes back on the page.
   */
  @PostMapping("/agreements/{id}/sign-off")
  ModelAndView signOff(
      @PathVariable String id,
      @RequestParam int version,
      @RequestParam(defaultValue = "") String contentHash,
      @RequestParam(defaultValue = "false") boolean signOffDeclaration,
      Authentication auth,
      RedirectAttributes redirect) {
    InvalidParameter.within("version", version, 1, Integer.MAX_VALUE);
    Actor actor = Actors.of(auth);
    if (!signOffDeclaration) {
      return again(
          actor,
          id,
          List.of(
              new Pages.ErrorLink(
                  "declaration",
                  "signOffDeclaration",
                  "Confirm that you have read version "
                      + version
                      + " and sign off its approval for "
                      + labels.organisation(actor.organisation().orElse("")))));
    }
    Result<AgreementView> r = agreements.signOff(actor, id, version, contentHash);
    if (r.ok()) {
      redirect.addFlashAttribute(
          "success",
          "Your sign-off of version "
              + version
              + " is recorded: "
              + labels.organisation(actor.organisation().orElse(""))
              + "'s approval counts. The agreement is now "
              + labels.status(r.value().amendmentStatus().orElse(r.value().status())).toLowerCase()
              + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    return invalidOrConflict(actor, id, r, "signOffDeclaration");
  }

  /**
   * Staff of a party record an incident: the time of discovery (a UK date and time), what happened,
   * its kind and severity and the data affected. What the core refuses comes back in the error
   * summary, each message by its field, as the API names them.
   */
  @PostMapping("/agreements/{id}/incidents")
  ModelAndView recordIncident(
      @PathVariable String id,
      @RequestParam(name = "discovered-day", defaultValue = "") String day,
      @RequestParam(name = "discovered-month", defaultValue = "") String month,
      @RequestParam(name = "discovered-year", defaultValue = "") String year,
      @RequestParam(name = "discoveredTime", defaultValue = "") String time,
      @RequestParam(defaultValue = "") String incidentKind,
      @RequestParam(defaultValue = "") String incidentSeverity,
      @RequestParam(defaultValue = "") String incidentDescription,
      @RequestParam(defaultValue = "") String dataAffected,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    java.time.Instant discovered = null;
    List<Pages.ErrorLink> errors = new ArrayList<>();
    if (!(day.isBlank() && month.isBlank() && year.isBlank() && time.isBlank())) {
      try {
        LocalDate date =
            LocalDate.of(
                Integer.parseInt(year.strip()),
                Integer.parseInt(month.strip()),
                Integer.parseInt(day.strip()));
        LocalTime at = LocalTime.parse(time.strip().replace('.', ':'));
        discovered = date.atTime(at).atZone(java.time.ZoneId.of("Europe/London")).toInstant();
      } catch (NumberFormatException | DateTimeException e) {
        errors.add(
            new Pages.ErrorLink(
                "discoveredAt",
                "discovered",
                "Give the date and time of discovery, for example 1 3 2027 and 09:30"));
      }
    }
    Result<AgreementView> r =
        errors.isEmpty()
            ? agreements.recordIncident(
                actor,
                id,
                new Incident(
                    discovered,
                    incidentDescription,
                    Incident.Kind.ofCode(incidentKind).orElse(null),
                    Incident.Severity.ofCode(incidentSeverity).orElse(null),
                    dataAffected))
            : null;
    if (r != null && r.ok()) {
      Incident.Severity severity = Incident.Severity.ofCode(incidentSeverity).orElseThrow();
      redirect.addFlashAttribute(
          "success",
          "The incident is recorded and every party's data protection officer is told."
              + (severity.reportable()
                  ? " Report it to the ICO by "
                      + labels.time(discovered.plus(Incident.ICO_DEADLINE))
                      + ", 72 hours after its discovery."
                  : ""));
      return new ModelAndView("redirect:/agreements/" + id + "#incidents-heading");
    }
    if (r != null && r.failure() != Result.Failure.INVALID) {
      return Pages.failure(r);
    }
    if (r != null) {
      r.violations()
          .forEach(
              v ->
                  errors.add(
                      new Pages.ErrorLink(
                          v.field(),
                          switch (v.field()) {
                            case "discoveredAt" -> "discovered";
                            case "description" -> "incidentDescription";
                            case "kind" -> "incidentKind";
                            case "severity" -> "incidentSeverity";
                            default -> "dataAffected";
                          },
                          v.message())));
    }
    ModelAndView mav = again(actor, id, errors);
    mav.addObject(
        "incidentForm",
        Map.of(
            "day", day,
            "month", month,
            "year", year,
            "time", time,
            "kind", incidentKind,
            "severity", incidentSeverity,
            "description", incidentDescription,
            "dataAffected", dataAffected));
    return mav;
  }

  @PostMapping("/agreements/{id}/status")
  ModelAndView changeStatus(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "") String statusReason,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Optional<String> badReason = Reasons.problem(statusReason);
    if (badReason.isPresent()) {
      return again(
          actor, id, List.of(new Pages.ErrorLink("reason", "statusReason", badReason.get())));
    }
    Result<AgreementView> r =
        switch (action) {
          case "suspend" -> agreements.suspend(actor, id, statusReason);
          case "resume" -> agreements.resume(actor, id, statusReason);
          case "terminate" -> agreements.terminate(actor, id, statusReason);
          default -> null;
        };
    if (r == null) {
      return again(
          actor, id, List.of(new Pages.ErrorLink("action", "action", "Select what to do")));
    }
    if (r.ok()) {
      redirect.addFlashAttribute(
          "success",
          "The agreement is now " + labels.status(r.value().status()).toLowerCase() + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    return invalidOrConflict(actor, id, r, "action");
  }

  /** A DPO's review decision: continue (with the next review date), amend, or end. */
  @PostMapping("/agreements/{id}/review")
  ModelAndView review(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String reviewOutcome,
      @RequestParam(name = "nextReview-day", defaultValue = "") String day,
      @RequestParam(name = "nextReview-month", defaultValue = "") String month,
      @RequestParam(name = "nextReview-year", defaultValue = "") String year,
      @RequestParam(defaultValue = "") String reviewReason,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Optional<AgreementService.ReviewOutcome> chosen =
        switch (reviewOutcome) {
          case "continue" -> Optional.of(AgreementService.ReviewOutcome.CONTINUE);
          case "amend" -> Optional.of(AgreementService.ReviewOutcome.AMEND);
          case "end" -> Optional.of(AgreementService.ReviewOutcome.END);
          default -> Optional.empty();
        };
    if (chosen.isEmpty()) {
      return again(
          actor,
          id,
          List.of(new Pages.ErrorLink("outcome", "reviewOutcome", "Select your review decision")));
    }
    Optional<String> badReason = Reasons.problem(reviewReason);
    if (badReason.isPresent()) {
      return again(
          actor, id, List.of(new Pages.ErrorLink("reason", "reviewReason", badReason.get())));
    }
    Optional<LocalDate> next = Optional.empty();
    if (chosen.get() == AgreementService.ReviewOutcome.CONTINUE
        && !(day.isBlank() && month.isBlank() && year.isBlank())) {
      try {
        next =
            Optional.of(
                LocalDate.of(
                    Integer.parseInt(year.strip()),
                    Integer.parseInt(month.strip()),
                    Integer.parseInt(day.strip())));
      } catch (NumberFormatException | DateTimeException e) {
        return again(
            actor,
            id,
            List.of(
                new Pages.ErrorLink(
                    "nextReviewDate",
                    "nextReview",
                    "The next review date must be a real date, for example 31 3 2028")));
      }
    }
    Result<AgreementView> r =
        agreements.review(
            actor, id, chosen.get(), next, Optional.of(reviewReason).filter(s -> !s.isBlank()));
    if (r.ok()) {
      redirect.addFlashAttribute(
          "success",
          "Your review decision is recorded. The agreement is now "
              + labels.status(r.value().status()).toLowerCase()
              + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    if (r.failure() == Result.Failure.INVALID || r.failure() == Result.Failure.CONFLICT) {
      List<Pages.ErrorLink> errors =
          r.failure() == Result.Failure.CONFLICT
              ? List.of(new Pages.ErrorLink("outcome", "reviewOutcome", r.message()))
              : r.violations().stream()
                  .map(
                      v ->
                          new Pages.ErrorLink(
                              v.field(),
                              switch (v.field()) {
                                case "nextReviewDate" -> "nextReview";
                                case "reason" -> "reviewReason";
                                default -> "reviewOutcome";
                              },
                              v.message()))
                  .toList();
      return again(actor, id, errors);
    }
    return Pages.failure(r);
  }

  /**
   * A party's DPO confirms what their organisation did with the data once the agreement ended; a
   * missing choice or a refusal comes back on the page by its field.
   */
  @PostMapping("/agreements/{id}/destruction")
  ModelAndView destruction(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String disposal,
      @RequestParam(defaultValue = "") String disposalStatement,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Optional<AgreementService.Disposal> chosen = AgreementService.Disposal.ofCode(disposal);
    if (chosen.isEmpty()) {
      return again(
          actor,
          id,
          List.of(
              new Pages.ErrorLink(
                  "disposal",
                  "disposal",
                  "Select what your organisation did with the data it received")));
    }
    Optional<String> bad = Reasons.problem(disposalStatement);
    if (bad.isPresent()) {
      return again(
          actor, id, List.of(new Pages.ErrorLink("statement", "disposalStatement", bad.get())));
    }
    Result<AgreementView> r =
        agreements.confirmDestruction(
            actor, id, chosen.get(), Optional.of(disposalStatement).filter(s -> !s.isBlank()));
    if (r.ok()) {
      redirect.addFlashAttribute(
          "success", "Your organisation's confirmation is recorded: " + chosen.get().words() + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    if (r.failure() == Result.Failure.INVALID || r.failure() == Result.Failure.CONFLICT) {
      return again(
          actor,
          id,
          r.failure() == Result.Failure.CONFLICT
              ? List.of(new Pages.ErrorLink("disposal", "disposal", r.message()))
              : r.violations().stream()
                  .map(
                      v ->
                          new Pages.ErrorLink(
                              v.field(),
                              v.field().equals("statement") ? "disposalStatement" : "disposal",
                              v.message()))
                  .toList());
    }
    return Pages.failure(r);
  }

  /** Asks a party's DPO to confirm that their organisation leaves the agreement. */
  @GetMapping("/agreements/{id}/leave")
  ModelAndView confirmLeave(@PathVariable String id, Authentication auth) {
    return leavePage(Actors.of(auth), id, List.of());
  }

  private ModelAndView leavePage(Actor actor, String id, List<Pages.ErrorLink> errors) {
    Result<AgreementView> got = agreements.get(actor, id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    AgreementView a = got.value();
    if (!a.can(AgreementPolicy.Action.LEAVE)) {
      AgreementPolicy.Refusal why = a.refused().get(AgreementPolicy.Action.LEAVE);
      return Pages.problem(
          why.failure() == Result.Failure.FORBIDDEN ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT,
          "Your organisation cannot leave this agreement now",
          why.reason());
    }
    ModelAndView mav = new ModelAndView("agreement-leave");
    mav.addObject("agreement", a);
    mav.addObject("organisationName", labels.organisation(actor.organisation().orElse("")));
    mav.addObject("errors", errors);
    if (!errors.isEmpty()) {
      mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    }
    return mav;
  }

  /** The DPO's organisation leaves; the others continue on a version without it. */
  @PostMapping("/agreements/{id}/leave")
  ModelAndView leave(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String leaveReason,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Optional<String> bad = Reasons.problem(leaveReason);
    if (bad.isPresent()) {
      return leavePage(actor, id, List.of(new Pages.ErrorLink("reason", "leaveReason", bad.get())));
    }
    Result<AgreementView> r =
        agreements.leave(
            actor,
            id,
            actor.organisation().orElse(""),
            Optional.of(leaveReason).filter(s -> !s.isBlank()));
    if (!r.ok()) {
      return Pages.failure(r);
    }
    redirect.addFlashAttribute(
        "success",
        "Your organisation's notice of leaving is recorded. Version "
            + r.value().currentVersion()
            + ", without it, goes to the other parties; version "
            + r.value().versionInForce().map(String::valueOf).orElse("in force")
            + " binds every party until they approve it.");
    return new ModelAndView("redirect:/agreements/" + id);
  }

  /** Asks the drafting organisation to confirm before it withdraws or deletes. */
  @GetMapping("/agreements/{id}/{action:withdraw|delete}")
  ModelAndView confirm(@PathVariable String id, @PathVariable String action, Authentication auth) {
    Result<AgreementView> got = agreements.get(Actors.of(auth), id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    AgreementView a = got.value();
    boolean withdraw = action.equals("withdraw");
    if (!a.can(withdraw ? AgreementPolicy.Action.WITHDRAW : AgreementPolicy.Action.DELETE)) {
      return Pages.problem(
          HttpStatus.CONFLICT,
          "This cannot be done now",
          withdraw
              ? "Only the organisation that drafted the agreement can withdraw it, while the"
                  + " version is submitted and no one has decided on it."
              : "Only the organisation that drafted the agreement can delete it, while it is a"
                  + " draft that was never submitted.");
    }
    ModelAndView mav = new ModelAndView("agreement-confirm");
    mav.addObject("agreement", a);
    mav.addObject("action", action);
    return mav;
  }

  @PostMapping("/agreements/{id}/withdraw")
  ModelAndView withdraw(@PathVariable String id, Authentication auth, RedirectAttributes redirect) {
    Result<AgreementView> r = agreements.withdraw(Actors.of(auth), id);
    if (!r.ok()) {
      return Pages.failure(r);
    }
    redirect.addFlashAttribute(
        "success",
        "Version "
            + r.value().currentVersion()
            + " is withdrawn. The agreement is a draft again; the parties' DPOs no longer see it"
            + " as waiting for their decision.");
    return new ModelAndView("redirect:/agreements/" + id);
  }

  @PostMapping("/agreements/{id}/delete")
  ModelAndView delete(@PathVariable String id, Authentication auth, RedirectAttributes redirect) {
    Result<String> r = agreements.delete(Actors.of(auth), id);
    if (!r.ok()) {
      return Pages.failure(r);
    }
    redirect.addFlashAttribute(
        "success", "The draft is deleted. The audit log keeps a record that it was.");
    return new ModelAndView("redirect:/agreements");
  }

  @PostMapping("/agreements/{id}/revise")
  ModelAndView revise(@PathVariable String id, Authentication auth, RedirectAttributes redirect) {
    return toEditor(
        agreements.revise(Actors.of(auth), id), id, redirect, "New draft version started.");
  }

  @PostMapping("/agreements/{id}/amend")
  ModelAndView amend(@PathVariable String id, Authentication auth, RedirectAttributes redirect) {
    return toEditor(
        agreements.amend(Actors.of(auth), id),
        id,
        redirect,
        "Amendment started. The approved version stays in force until every party approves the amendment.");
  }

  private ModelAndView toEditor(
      Result<AgreementView> r, String id, RedirectAttributes redirect, String message) {
    if (!r.ok()) {
      return Pages.failure(r);
    }
    redirect.addFlashAttribute("success", message);
    return new ModelAndView("redirect:/agreements/" + id + "/edit");
  }

  private ModelAndView invalidOrConflict(
      Actor actor, String id, Result<AgreementView> r, String anchor) {
    if (r.failure() == Result.Failure.INVALID) {
      return again(
          actor,
          id,
          r.violations().stream()
              .map(
                  v ->
                      new Pages.ErrorLink(
                          v.field(),
                          v.field().equals("reason")
                              ? (anchor.equals("action") ? "statusReason" : "reason")
                              : anchor,
                          v.message()))
              .toList());
    }
    if (r.failure() == Result.Failure.CONFLICT) {
      return again(actor, id, List.of(new Pages.ErrorLink(anchor, anchor, r.message())));
    }
    return Pages.failure(r);
  }

  private ModelAndView again(Actor actor, String id, List<Pages.ErrorLink> errors) {
    Result<AgreementView> got = agreements.get(actor, id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    ModelAndView mav = page(actor, got.value(), errors);
    mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    return mav;
  }
}
