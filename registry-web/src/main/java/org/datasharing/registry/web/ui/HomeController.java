package org.datasharing.registry.web.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.datasharing.registry.core.agreement.AgreementPolicy;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.sparql.QueryPack;
import org.datasharing.registry.web.security.Actors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: for the public, what the registry is; signed in, a dashboard for the role. A DPO
 * sees what awaits their organisation's decision, what is due for review and assurance about to
 * expire; partners their drafts and what awaits others; auditors the state of the audit log.
 */
@Controller
class HomeController {
  /** How far ahead reviews and assurance expiries are flagged. */
  static final int LOOK_AHEAD_DAYS = 90;

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

  HomeController(
      AgreementService agreements,
      OrganisationService organisations,
      AuditTrail auditTrail,
      Clock clock,
      QueryPack queryPack) {
    this.agreements = agreements;
    this.organisations = organisations;
    this.auditTrail = auditTrail;
    this.clock = clock;
    this.queryPack = queryPack;
  }

  /** An agreement that awaits the organisation, with what it awaits. */
  record Waiting(AgreementView agreement, String note) {}

  /** An assurance certificate of the organisation that expires soon or has expired. */
  record Expiring(Organisation.Assurance assurance, boolean expired) {}

  @GetMapping("/")
  String home(Authentication authentication, Model model) {
    Actor actor = Actors.of(authentication);
    if (actor == Actors.ANONYMOUS) {
      return "home";
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate horizon = today.plusDays(LOOK_AHEAD_DAYS);
    String org = actor.organisation().orElse("");
    List<Waiting> awaitingDecision = new ArrayList<>();
    List<Waiting> dueForReview = new ArrayList<>();
    List<Waiting> drafts = new ArrayList<>();
    List<Waiting> awaitingOthers = new ArrayList<>();
    if (!org.isEmpty()) {
      for (AgreementView.Summary s : agreements.list(actor)) {
        if (!OPEN.contains(s.status())) {
          continue;
        }
        var got = agreements.get(actor, s.id());
        if (!got.ok()) {
          continue;
        }
        AgreementView a = got.value();
        AgreementStatus workflow = a.amendmentStatus().orElse(a.status());
        if (workflow == AgreementStatus.SUBMITTED) {
          if (a.can(AgreementPolicy.Action.DECIDE)) {
            awaitingDecision.add(new Waiting(a, "Version " + a.currentVersion()));
          } else {
            awaitingOthers.add(
                new Waiting(a, a.approvals() + " of " + a.deciders().size() + " parties approved"));
          }
        } else if (workflow == AgreementStatus.DRAFT
            || workflow == AgreementStatus.CHANGES_REQUESTED) {
          drafts.add(new Waiting(a, "Version " + a.currentVersion()));
        }
        if (a.status() == AgreementStatus.REVIEW_DUE) {
          dueForReview.add(new Waiting(a, "Review was due"));
        } else if (a.status().inForce()) {
          Object review = a.content().fields().get("reviewDate");
          if (review != null && !LocalDate.parse(String.valueOf(review)).isAfter(horizon)) {
            dueForReview.add(new Waiting(a, "Review by " + review));
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
    model.addAttribute("dueForReview", dueForReview);
    model.addAttribute("drafts", drafts);
    model.addAttribute("awaitingOthers", awaitingOthers);
    model.addAttribute("expiring", expiring);
    model.addAttribute("lookAheadDays", LOOK_AHEAD_DAYS);
    if (actor.has(Actor.Role.AUDITOR)) {
      model.addAttribute("verification", auditTrail.verify());
      model.addAttribute("recentEvents", auditTrail.page(0, 5).events());
      model.addAttribute("queries", queryPack.entries());
    }
    return "dashboard";
  }
}
