package org.datasharing.registry.web.agreement;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementListing;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.agreement.VersionDiff;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.evidence.EvidenceBundle;
import org.datasharing.registry.web.pages.Labels;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Reading agreements: the list the caller may see, and an agreement with its status, parties and
 * their decisions with the exact content hash each DPO approved, the provenance timeline from the
 * audit log, the diff between two versions and the version in force on a date; and its evidence
 * bundle. The forms on the page are answered by {@link AgreementDecisionPageController}, {@link
 * AgreementLifecyclePageController} and {@link AgreementDraftActionsController}.
 */
@Controller
@PageController
class AgreementPageController {
  private final AgreementService agreements;
  private final AgreementPage page;
  private final EvidenceBundle evidence;
  private final Labels labels;
  private final AgreementListing listing;

  AgreementPageController(
      AgreementService agreements,
      AgreementPage page,
      EvidenceBundle evidence,
      Labels labels,
      AgreementListing listing) {
    this.agreements = agreements;
    this.page = page;
    this.evidence = evidence;
    this.labels = labels;
    this.listing = listing;
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
    ModelAndView mav = page.page(actor, got.value(), List.of());
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
        LocalDate on = AgreementPage.date(day, month, year);
        if (on.getYear() < 1 || on.getYear() > 9999) {
          throw new DateTimeException("year out of range");
        }
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
}
