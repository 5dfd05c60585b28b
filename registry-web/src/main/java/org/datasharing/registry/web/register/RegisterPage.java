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
import org.datasharing.registry.core.register.PublicRegister;
import org.datasharing.registry.web.ui.Pages;
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
class RegisterPage {
  private final PublicRegister publicRegister;
  private final OrganisationService organisations;

  RegisterPage(PublicRegister publicRegister, OrganisationService organisations) {
    this.publicRegister = publicRegister;
    this.organisations = organisations;
  }

  /** A column heading; sortable ones link to the register sorted by them (again: reversed). */
  record Column(String label, String sortLink, String ariaSort) {}

  @GetMapping({"/register", "/register/"})
  ModelAndView page(
      @RequestParam(required = false) List<String> status,
      @RequestParam(required = false) String organisation,
      @RequestParam(required = false) String sort) {
    Result<List<RegisterEntry>> r =
        publicRegister.entries(new PublicRegister.Query(status, organisation, sort));
    String selected = status == null || status.isEmpty() ? "" : status.get(0);
    String org = organisation == null ? "" : organisation;
    ModelAndView mav = new ModelAndView("register");
    mav.addObject("status", selected);
    mav.addObject("organisation", org);
    mav.addObject("sort", sort);
    mav.addObject("organisations", organisations.list());
    Map<String, String> statuses = new LinkedHashMap<>();
    for (AgreementStatus s : PublicRegister.LISTED) {
      statuses.put(s.name().toLowerCase(Locale.ROOT), PublicRegister.statusLabel(s));
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
        String field = "organisation".equals(v.field()) ? "organisation" : "status";
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
        "csv",
        link("/api/register", selected, org, sort).queryParam("format", "csv").toUriString());
    String current = sort == null || sort.isBlank() ? "title" : sort.strip();
    mav.addObject(
        "columns",
        List.of(
            column("Agreement", "title", current, selected, org),
            column("Parties and lawful basis", null, current, selected, org),
            column("Purpose", null, current, selected, org),
            column("Personal data", null, current, selected, org),
            column("Status", "status", current, selected, org),
            column("Start", "startDate", current, selected, org),
            column("Review", "reviewDate", current, selected, org),
            column("End", "endDate", current, selected, org),
            column("DPIA done", null, current, selected, org)));
    return mav;
  }

  private static Column column(
      String label, String key, String current, String status, String org) {
    if (key == null) {
      return new Column(label, null, null);
    }
    boolean ascending = current.equals(key);
    boolean descending = current.equals("-" + key);
    String next = ascending ? "-" + key : key;
    return new Column(
        label,
        link("/register", status, org, next).toUriString(),
        ascending ? "ascending" : descending ? "descending" : "none");
  }

  private static UriComponentsBuilder link(String path, String status, String org, String sort) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
    if (!status.isBlank()) {
      b.queryParam("status", status);
    }
    if (!org.isBlank()) {
      b.queryParam("organisation", org);
    }
    if (sort != null && !sort.isBlank()) {
      b.queryParam("sort", sort);
    }
    return b.encode();
  }
}
