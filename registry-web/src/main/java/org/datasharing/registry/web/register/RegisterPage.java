package org.datasharing.registry.web.register;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.datasharing.registry.core.agreement.AgreementService.RegisterEntry;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.register.PublicRegister;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The public transparency register as a GOV.UK page anyone can read signed out: a filter form, a
 * table sortable by its column headings and a CSV download of the same selection. A filter the
 * register does not know answers 400 with the GOV.UK error summary naming it.
 */
@Controller
@PageController
class RegisterPage {
  private final PublicRegister publicRegister;
  private final OrganisationService organisations;
  private final ReferenceData reference;

  RegisterPage(
      PublicRegister publicRegister, OrganisationService organisations, ReferenceData reference) {
    this.publicRegister = publicRegister;
    this.organisations = organisations;
    this.reference = reference;
  }

  /** The filters that keep their value in links (sort links, the CSV download), in order. */
  private static final List<String> KEPT =
      List.of("status", "organisation", "q", "purpose", "dataCategory", "lawfulBasis");

  /** A column heading; sortable ones link to the register sorted by them (again: reversed). */
  record Column(String label, String sortLink, String ariaSort) {}

  @GetMapping({"/register", "/register/"})
  ModelAndView page(
      @RequestParam(required = false) List<String> status,
      @RequestParam(required = false) String organisation,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String purpose,
      @RequestParam(required = false) String dataCategory,
      @RequestParam(required = false) String lawfulBasis) {
    Result<List<RegisterEntry>> r =
        publicRegister.entries(
            new PublicRegister.Query(
                status, organisation, sort, q, purpose, dataCategory, lawfulBasis));
    String selected = status == null || status.isEmpty() ? "" : status.get(0);
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("status", selected);
    filters.put("organisation", organisation);
    filters.put("q", q);
    filters.put("purpose", purpose);
    filters.put("dataCategory", dataCategory);
    filters.put("lawfulBasis", lawfulBasis);
    filters.replaceAll((k, v) -> v == null ? "" : v);
    ModelAndView mav = new ModelAndView("register");
    mav.addObject("status", selected);
    mav.addObject("organisation", filters.get("organisation"));
    mav.addObject("q", filters.get("q"));
    mav.addObject("purpose", filters.get("purpose"));
    mav.addObject("dataCategory", filters.get("dataCategory"));
    mav.addObject("lawfulBasis", filters.get("lawfulBasis"));
    mav.addObject("sort", sort);
    mav.addObject("organisations", organisations.list());
    mav.addObject("purposes", reference.concepts("purpose"));
    mav.addObject("dataCategories", reference.concepts("data-category"));
    mav.addObject("lawfulBases", reference.concepts("lawful-basis"));
    Map<String, String> statuses = new LinkedHashMap<>();
    for (AgreementStatus s : PublicRegister.LISTED) {
      statuses.put(s.name().toLowerCase(Locale.ROOT), PublicRegister.registerLabel(s));
    }
    mav.addObject("statuses", statuses);
    if (!r.ok()) {
      List<Pages.ErrorLink> errors = new ArrayList<>();
      for (Violation v : r.violations()) {
        if ("sort".equals(v.field())) {
          // the order comes from a column heading's link; dropped, so the filters work again
          errors.add(
              new Pages.ErrorLink(v.field(), "apply-filters", "Sort the register: " + v.message()));
          mav.addObject("sort", null);
          continue;
        }
        String field = KEPT.contains(v.field()) ? v.field() : "status";
        errors.add(new Pages.ErrorLink(field, field, v.message()));
        mav.addObject(field + "Error", v.message());
      }
      mav.addObject("errors", errors);
      mav.setStatus(HttpStatus.BAD_REQUEST);
      return mav;
    }
    mav.addObject("errors", List.of());
    mav.addObject("rows", publicRegister.rows(r.value()));
    mav.addObject(
        "csv", link("/api/register", filters, sort).queryParam("format", "csv").toUriString());
    String current = sort == null || sort.isBlank() ? "title" : sort.strip();
    Map<String, String> f = filters;
    mav.addObject(
        "columns",
        List.of(
            column("Agreement", "title", current, f),
            column("Parties and lawful basis", null, current, f),
            column("Purpose", null, current, f),
            column("Personal data", null, current, f),
            column("Status", "status", current, f),
            column("Start", "startDate", current, f),
            column("Review", "reviewDate", current, f),
            column("End", "endDate", current, f),
            column("DPIA done", null, current, f)));
    return mav;
  }

  private static Column column(
      String label, String key, String current, Map<String, String> filters) {
    if (key == null) {
      return new Column(label, null, null);
    }
    boolean ascending = current.equals(key);
    boolean descending = current.equals("-" + key);
    String next = ascending ? "-" + key : key;
    return new Column(
        label,
        link("/register", filters, next).toUriString(),
        ascending ? "ascending" : descending ? "descending" : "none");
  }

  private static UriComponentsBuilder link(String path, Map<String, String> filters, String sort) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
    for (String k : KEPT) {
      String v = filters.getOrDefault(k, "");
      if (!v.isBlank()) {
        b.queryParam(k, v);
      }
    }
    if (sort != null && !sort.isBlank()) {
      b.queryParam("sort", sort);
    }
    return b.encode();
  }
}
