package org.datasharing.registry.web.agreement;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementPolicy;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.agreement.Incident;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a party does on an agreement once it is in force: record an incident, suspend, resume or
 * terminate it, review it, confirm what it did with the data when it ended, or leave it.
 */
@Controller
@PageController
class AgreementLifecyclePageController {
  private final AgreementService agreements;
  private final AgreementPage page;

  AgreementLifecyclePageController(AgreementService agreements, AgreementPage page) {
    this.agreements = agreements;
    this.page = page;
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
        LocalDate date = AgreementPage.date(day, month, year);
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
                      + page.labels().time(discovered.plus(Incident.ICO_DEADLINE))
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
    ModelAndView mav = page.again(actor, id, errors);
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
    Optional<Pages.ErrorLink> badReason = Reasons.error("reason", "statusReason", statusReason);
    if (badReason.isPresent()) {
      return page.again(actor, id, List.of(badReason.get()));
    }
    Result<AgreementView> r =
        switch (action) {
          case "suspend" -> agreements.suspend(actor, id, statusReason);
          case "resume" -> agreements.resume(actor, id, statusReason);
          case "terminate" -> agreements.terminate(actor, id, statusReason);
          default -> null;
        };
    if (r == null) {
      return page.again(
          actor, id, List.of(new Pages.ErrorLink("action", "action", "Select what to do")));
    }
    if (r.ok()) {
      redirect.addFlashAttribute(
          "success",
          "The agreement is now " + page.labels().status(r.value().status()).toLowerCase() + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    return page.invalidOrConflict(actor, id, r, "action");
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
      return page.again(
          actor,
          id,
          List.of(new Pages.ErrorLink("outcome", "reviewOutcome", "Select your review decision")));
    }
    Optional<Pages.ErrorLink> badReason = Reasons.error("reason", "reviewReason", reviewReason);
    if (badReason.isPresent()) {
      return page.again(actor, id, List.of(badReason.get()));
    }
    Optional<LocalDate> next = Optional.empty();
    if (chosen.get() == AgreementService.ReviewOutcome.CONTINUE
        && !(day.isBlank() && month.isBlank() && year.isBlank())) {
      try {
        next = Optional.of(AgreementPage.date(day, month, year));
      } catch (NumberFormatException | DateTimeException e) {
        return page.again(
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
              + page.labels().status(r.value().status()).toLowerCase()
              + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    return page.refusal(
        actor,
        id,
        r,
        "outcome",
        "reviewOutcome",
        field ->
            switch (field) {
              case "nextReviewDate" -> "nextReview";
              case "reason" -> "reviewReason";
              default -> "reviewOutcome";
            });
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
      return page.again(
          actor,
          id,
          List.of(
              new Pages.ErrorLink(
                  "disposal",
                  "disposal",
                  "Select what your organisation did with the data it received")));
    }
    Optional<Pages.ErrorLink> bad =
        Reasons.error("statement", "disposalStatement", disposalStatement);
    if (bad.isPresent()) {
      return page.again(actor, id, List.of(bad.get()));
    }
    Result<AgreementView> r =
        agreements.confirmDestruction(
            actor, id, chosen.get(), Optional.of(disposalStatement).filter(s -> !s.isBlank()));
    if (r.ok()) {
      redirect.addFlashAttribute(
          "success", "Your organisation's confirmation is recorded: " + chosen.get().words() + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    return page.refusal(
        actor,
        id,
        r,
        "disposal",
        "disposal",
        field -> field.equals("statement") ? "disposalStatement" : "disposal");
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
    mav.addObject("organisationName", page.labels().organisation(actor.organisation().orElse("")));
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
    Optional<Pages.ErrorLink> bad = Reasons.error("reason", "leaveReason", leaveReason);
    if (bad.isPresent()) {
      return leavePage(actor, id, List.of(bad.get()));
    }
    return Pages.redirectOr(
        agreements.leave(
            actor,
            id,
            actor.organisation().orElse(""),
            Optional.of(leaveReason).filter(s -> !s.isBlank())),
        redirect,
        "/agreements/" + id,
        a ->
            "Your organisation's notice of leaving is recorded. Version "
                + a.currentVersion()
                + ", without it, goes to the other parties; version "
                + a.versionInForce().map(String::valueOf).orElse("in force")
                + " binds every party until they approve it.");
  }
}
