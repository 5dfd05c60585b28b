package org.datasharing.registry.web.home;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.agreement.AgreementPolicy;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.LogVerifications;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.sparql.QueryPack;
import org.datasharing.registry.web.admin.AdminOverview;
import org.datasharing.registry.web.audit.VerificationStatus;
import org.datasharing.registry.web.pages.Labels;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.security.Actors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: for the public, what the registry is; signed in, a dashboard for the role. A DPO
 * sees what awaits their organisation's decision, what is due for review and assurance about to
 * expire, and what is in force; a senior officer the approvals waiting for their sign-off; partners
 * their drafts, what is with the DPOs and what they were asked to change; auditors the state of the
 * audit log; registry administrators the organisations, their members, reconciliation with Keycloak
 * and backups.
 */
@Controller
@PageController
class HomeController {
  /** How far ahead reviews and assurance expiries are flagged. */
  static final int LOOK_AHEAD_DAYS = 90;

  /** Days and ages are counted in UK days, as the pages show dates. */
  private static final ZoneId UK = ZoneId.of("Europe/London");

  private static final Set<AgreementStatus> OPEN =
      EnumSet.of(
          AgreementStatus.DRAFT,
          AgreementStatus.CHANGES_REQUESTED,
          AgreementStatus.SUBMITTED,
          AgreementStatus.APPROVED,
          AgreementStatus.ACTIVE,
          AgreementStatus.REVIEW_DUE);

  private final AgreementService agreements;
  private final OrganisationService organisations;
  private final AuditTrail auditTrail;
  private final Clock clock;
  private final QueryPack queryPack;
  private final Labels labels;
  private final AdminOverview adminOverview;
  private final LogVerifications logVerifications;

  HomeController(
      AgreementService agreements,
      OrganisationService organisations,
      AuditTrail auditTrail,
      Clock clock,
      QueryPack queryPack,
      Labels labels,
      AdminOverview adminOverview,
      LogVerifications logVerifications) {
    this.logVerifications = logVerifications;
    this.agreements = agreements;
    this.organisations = organisations;
    this.auditTrail = auditTrail;
    this.clock = clock;
    this.queryPack = queryPack;
    this.labels = labels;
    this.adminOverview = adminOverview;
  }

  /**
   * An agreement in a work queue: when it was first submitted, by which organisation, how many days
   * ago (UK days), and whose decision it still waits for (the policy's deciders that have not
   * approved the current version).
   */
  record Waiting(
      AgreementView agreement,
      String note,
      Optional<Instant> submitted,
      String author,
      Long ageDays,
      List<String> waitingOn) {}

  /** An assurance certificate of the organisation that expires soon or has expired. */
  record Expiring(Organisation.Assurance assurance, boolean expired) {}

  @GetMapping("/")
  String home(Authentication authentication, Model model) {
    Actor actor = Actors.of(authentication);
    if (actor == Actors.ANONYMOUS) {
      return "home";
    }
    LocalDate today = LocalDate.now(clock.withZone(UK));
    LocalDate horizon = today.plusDays(LOOK_AHEAD_DAYS);
    String org = actor.organisation().orElse("");
    List<Waiting> awaitingDecision = new ArrayList<>();
    List<Waiting> awaitingSignOff = new ArrayList<>();
    List<Waiting> inForce = new ArrayList<>();
    List<Waiting> dueForReview = new ArrayList<>();
    List<Waiting> drafts = new ArrayList<>();
    List<Waiting> awaitingOthers = new ArrayList<>();
    List<Waiting> changesRequested = new ArrayList<>();
    if (!org.isEmpty()) {
      List<AgreementView.Summary> open =
          agreements.list(actor).stream().filter(s -> OPEN.contains(s.status())).toList();
      // the open agreements' graphs in one read, not one per agreement
      java.util.Map<String, AgreementView> views = new java.util.HashMap<>();
      agreements
          .views(actor, open.stream().map(AgreementView.Summary::id).toList())
          .forEach(v -> views.put(v.id(), v));
      for (AgreementView.Summary s : open) {
        AgreementView a = views.get(s.id());
        if (a == null) {
          continue;
        }
        AgreementStatus workflow = a.amendmentStatus().orElse(a.status());
        Long age =
            s.submitted()
                .map(t -> ChronoUnit.DAYS.between(t.atZone(UK).toLocalDate(), today))
                .orElse(null);
        String author = s.author().map(labels::organisation).orElse("");
        List<String> waitingOn = waitingOn(a);
        java.util.function.Function<String, Waiting> row =
            note -> new Waiting(a, note, s.submitted(), author, age, waitingOn);
        // what waits for whom is the policy's answer (allowed actions, deciders), never a rule here
        if (workflow == AgreementStatus.SUBMITTED) {
          if (a.can(AgreementPolicy.Action.DECIDE)) {
            awaitingDecision.add(row.apply("Version " + a.currentVersion()));
          } else if (a.can(AgreementPolicy.Action.SIGN_OFF)) {
            awaitingSignOff.add(
                row.apply("Version " + a.currentVersion() + ", approved by your DPO"));
          } else {
            awaitingOthers.add(
                row.apply(a.approvals() + " of " + a.deciders().size() + " parties approved"));
          }
        } else if (workflow == AgreementStatus.DRAFT) {
          drafts.add(row.apply("Version " + a.currentVersion()));
        } else if (workflow == AgreementStatus.CHANGES_REQUESTED) {
          changesRequested.add(row.apply("Version " + a.currentVersion()));
        }
        if (a.status().inForce()) {
          inForce.add(row.apply(a.versionInForce().map(v -> "Version " + v).orElse("")));
        }
        if (a.status() == AgreementStatus.REVIEW_DUE) {
          dueForReview.add(row.apply("Review was due (overdue)"));
        } else if (a.status().inForce()) {
          Object review = a.content().fields().get("reviewDate");
          if (review != null && !LocalDate.parse(String.valueOf(review)).isAfter(horizon)) {
            LocalDate due = LocalDate.parse(String.valueOf(review));
            dueForReview.add(
                row.apply(
                    "Review by "
                        + labels.date(review)
                        + (due.isBefore(today) ? " (overdue)" : "")));
          }
        }
      }
    }
    List<Expiring> expiring = new ArrayList<>();
    if (actor.has(Actor.Role.DPO) && !org.isEmpty()) {
      organisations
          .get(org)
          .ifPresent(
              o ->
                  o.assurances().stream()
                      .filter(x -> x.validUntil() != null && !x.validUntil().isBlank())
                      .filter(x -> !LocalDate.parse(x.validUntil()).isAfter(horizon))
                      .forEach(
                          x ->
                              expiring.add(
                                  new Expiring(
                                      x, LocalDate.parse(x.validUntil()).isBefore(today)))));
    }
    model.addAttribute("awaitingDecision", awaitingDecision);
    model.addAttribute("awaitingSignOff", awaitingSignOff);
    model.addAttribute("dueForReview", dueForReview);
    model.addAttribute("drafts", drafts);
    model.addAttribute("awaitingOthers", awaitingOthers);
    model.addAttribute("inForce", inForce);
    model.addAttribute("changesRequested", changesRequested);
    model.addAttribute("expiring", expiring);
    model.addAttribute("lookAheadDays", LOOK_AHEAD_DAYS);
    if (actor.has(Actor.Role.AUDITOR)) {
      model.addAttribute(
          "verification",
          VerificationStatus.settled(logVerifications, auditTrail, VerificationStatus.PAGE_WAIT));
      model.addAttribute("recentEvents", auditTrail.page(0, 5).events());
      model.addAttribute("queries", queryPack.entries());
    }
    if (actor.has(Actor.Role.REGISTRY_ADMIN)) {
      model.addAttribute("admin", adminOverview.of(actor));
    }
    return "dashboard";
  }

  /**
   * The organisations whose decision the current version still needs, by name (an approval still
   * awaiting its senior officer's sign-off does not count yet).
   */
  private List<String> waitingOn(AgreementView a) {
    Set<String> approved =
        a.decisions().stream()
            .filter(
                d ->
                    d.version() == a.currentVersion()
                        && d.outcome().equals("APPROVE")
                        && !d.awaitingSignOff())
            .map(AgreementView.DecisionView::organisation)
            .collect(java.util.stream.Collectors.toSet());
    return a.deciders().stream()
        .filter(d -> !approved.contains(d))
        .map(labels::organisation)
        .sorted()
        .toList();
  }
}
