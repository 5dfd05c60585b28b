package org.datasharing.registry.web.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datasharing.registry.core.access.AccessRequests;
import org.datasharing.registry.core.access.AccessRequests.AccessRequest;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.search.CatalogSearch;
import org.datasharing.registry.core.search.Facet;
import org.datasharing.registry.core.search.SearchRequest;
import org.datasharing.registry.core.search.SearchResult;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Find data: dataset search with facets (open to anyone; hidden datasets only to their publisher),
 * a dataset's page, and "request access", which starts a draft agreement between the requester's
 * organisation and the publisher.
 */
@Controller
@PageController
class DatasetPagesController {
  private static final int PAGE_SIZE = 20;

  /** Deeper pages than the search collects are refused by the search itself, with a message. */
  private static final int MAX_PAGE = SearchRequest.MAX_DEPTH / PAGE_SIZE + 1;

  private final CatalogSearch search;
  private final AccessRequests accessRequests;
  private final CatalogService catalog;
  private final ReferenceData reference;
  private final AgreementService agreements;

  DatasetPagesController(
      CatalogSearch search,
      AccessRequests accessRequests,
      CatalogService catalog,
      ReferenceData reference,
      AgreementService agreements) {
    this.search = search;
    this.accessRequests = accessRequests;
    this.catalog = catalog;
    this.reference = reference;
    this.agreements = agreements;
  }

  /** Statuses of an agreement that no longer shares anything. */
  private static final java.util.Set<AgreementStatus> ENDED =
      java.util.EnumSet.of(
          AgreementStatus.REJECTED, AgreementStatus.TERMINATED, AgreementStatus.EXPIRED);

  /** A facet with its values and counts, for the filter checkboxes. */
  record FacetView(String parameter, String legend, List<SearchResult.FacetValue> values) {}

  @GetMapping("/datasets")
  ModelAndView search(
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "1") int page,
      @RequestParam MultiValueMap<String, String> params,
      Authentication auth) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (Facet f : Facet.values()) {
      List<String> values = params.getOrDefault(f.parameter(), List.of());
      if (!values.isEmpty()) {
        filters.put(f.parameter(), values);
      }
    }
    Result<SearchResult> r =
        search.search(
            Actors.of(auth),
            new SearchRequest(
                q, filters, InvalidParameter.within("page", page, 1, MAX_PAGE), PAGE_SIZE));
    ModelAndView mav = new ModelAndView("datasets");
    mav.addObject("q", q);
    if (!r.ok()) {
      mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
      mav.addObject(
          "errors",
          r.violations().stream()
              .map(v -> new Pages.ErrorLink(v.field(), "q", v.message()))
              .toList());
      return mav;
    }
    SearchResult result = r.value();
    mav.addObject("result", result);
    mav.addObject(
        "facets",
        java.util.Arrays.stream(Facet.values())
            .map(
                f ->
                    new FacetView(
                        f.parameter(),
                        legend(f),
                        result.facets().getOrDefault(f.parameter(), List.of()).stream()
                            .filter(v -> v.count() > 0 || v.selected())
                            .toList()))
            .filter(f -> !f.values().isEmpty())
            .toList());
    long pages = (result.total() + PAGE_SIZE - 1) / PAGE_SIZE;
    mav.addObject("prevLink", result.page() > 1 ? link(q, filters, result.page() - 1) : null);
    mav.addObject("nextLink", result.page() < pages ? link(q, filters, result.page() + 1) : null);
    return mav;
  }

  private static String link(String q, Map<String, List<String>> filters, int page) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath("/datasets");
    if (!q.isBlank()) {
      b.queryParam("q", q);
    }
    filters.forEach((k, v) -> b.queryParam(k, v.toArray()));
    return b.queryParam("page", page).encode().toUriString();
  }

  private static String legend(Facet f) {
    return switch (f) {
      case PUBLISHER -> "Publisher";
      case SECTOR -> "Sector";
      case THEME -> "Theme";
      case PERSONAL_DATA_CATEGORY -> "Personal data";
      case SPECIAL_CATEGORY_DATA -> "Special category data";
      case SHARING_CONDITION -> "Sharing conditions";
      case REQUIRED_ASSURANCE -> "Assurance required";
    };
  }

  @GetMapping("/datasets/{id}")
  ModelAndView dataset(@PathVariable String id, Authentication auth) {
    return page(Actors.of(auth), id, Map.of(), List.of());
  }

  @PostMapping("/datasets/{id}/request-access")
  ModelAndView requestAccess(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String purpose,
      @RequestParam(defaultValue = "") String purposeDescription,
      @RequestParam(defaultValue = "false") boolean continueAnyway,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Map<String, String> answers =
        Map.of("purpose", purpose, "purposeDescription", purposeDescription);
    if (!continueAnyway && catalog.get(actor, id).isPresent() && !duplicates(actor, id).isEmpty()) {
      // warn first: the organisation may already have what it is asking for
      ModelAndView mav =
          page(
              actor,
              id,
              answers,
              List.of(
                  new Pages.ErrorLink(
                      "continueAnyway",
                      "continueAnyway",
                      "Your organisation already has an open draft or an agreement in force that"
                          + " shares this dataset: open it, or confirm that you need another")));
      mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
      return mav;
    }
    Result<AgreementView> r =
        accessRequests.request(actor, id, new AccessRequest(purpose, purposeDescription));
    if (r.ok()) {
      redirect.addFlashAttribute(
          "success", "Draft agreement created. Complete it, then submit it for approval.");
      return new ModelAndView("redirect:/agreements/" + r.value().id() + "/edit");
    }
    if (r.failure() != Result.Failure.INVALID) {
      return Pages.failure(r);
    }
    ModelAndView mav =
        page(
            actor,
            id,
            answers,
            r.violations().stream()
                .map(
                    v ->
                        new Pages.ErrorLink(
                            v.field(),
                            v.field().equals("purpose") ? "purpose" : "purposeDescription",
                            v.message()))
                .toList());
    mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    return mav;
  }

  /**
   * The agreements of the viewer's organisation (a party to the version being worked on) that share
   * the dataset and have not ended; only those the policy lets the viewer see.
   */
  private List<AgreementView.Summary> covering(Actor actor, String datasetId) {
    Optional<String> org = actor.organisation().filter(actor::memberOf);
    if (org.isEmpty()) {
      return List.of();
    }
    return agreements.sharing(actor, datasetId).stream()
        .filter(a -> a.parties().contains(org.get()) && !ENDED.contains(a.status()))
        .toList();
  }

  /** An open draft (not yet decided) or an agreement in force: what a new request duplicates. */
  private static boolean open(AgreementView.Summary a) {
    return a.status() == AgreementStatus.DRAFT
        || a.status() == AgreementStatus.CHANGES_REQUESTED
        || a.status() == AgreementStatus.SUBMITTED
        || a.status().inForce();
  }

  private List<AgreementView.Summary> duplicates(Actor actor, String datasetId) {
    return covering(actor, datasetId).stream().filter(DatasetPagesController::open).toList();
  }

  private ModelAndView page(
      Actor actor, String id, Map<String, String> answers, List<Pages.ErrorLink> errors) {
    Optional<Dataset> d = catalog.get(actor, id);
    if (d.isEmpty()) {
      return Pages.notFound(
          "There is no dataset " + id + ", or it is not shared beyond its publisher.");
    }
    ModelAndView mav = new ModelAndView("dataset");
    mav.addObject("dataset", d.get());
    List<String> permitted = accessRequests.permittedPurposeCodes(d.get());
    List<ReferenceData.Concept> purposes =
        reference.concepts("purpose").stream()
            .filter(c -> permitted.isEmpty() || permitted.contains(c.code()))
            .toList();
    mav.addObject("purposes", purposes);
    mav.addObject("purposesLimited", !permitted.isEmpty());
    List<AgreementView.Summary> covering = covering(actor, id);
    mav.addObject("covering", covering);
    mav.addObject("duplicates", covering.stream().filter(DatasetPagesController::open).toList());
    mav.addObject("answers", answers);
    mav.addObject("errors", errors);
    mav.addObject(
        "canRequest",
        actor.organisation().isPresent()
            && (actor.has(Actor.Role.PARTNER) || actor.has(Actor.Role.DPO))
            && !actor.organisation().get().equals(d.get().publisher()));
    return mav;
  }
}
