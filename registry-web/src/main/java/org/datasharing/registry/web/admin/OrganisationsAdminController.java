package org.datasharing.registry.web.admin;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.DirectoryOrganisation;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.core.identity.Onboarding;
import org.datasharing.registry.core.identity.PendingOperation;
import org.datasharing.registry.core.identity.Synced;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * For registry administrators: the registry's organisations with their state in Keycloak, and the
 * form that onboards an organisation in both (through the same {@link Onboarding} service as the
 * admin API).
 */
@Controller
@PageController
@RequestMapping("/admin")
class OrganisationsAdminController {
  /** The form's inputs, by the API's field names. */
  static final List<String> FIELDS =
      List.of("id", "name", "type", "sector", "domain", "dpoName", "dpoEmail");

  private final OrganisationService organisations;
  private final ReferenceData reference;
  private final IdentityDirectory directory;
  private final Onboarding onboarding;

  OrganisationsAdminController(
      OrganisationService organisations,
      ReferenceData reference,
      IdentityDirectory directory,
      Onboarding onboarding) {
    this.organisations = organisations;
    this.reference = reference;
    this.directory = directory;
    this.onboarding = onboarding;
  }

  /** An input of the onboarding form: a text input, or a pick list of a reference scheme's. */
  record Input(String name, String label, String hint, String type, String scheme) {}

  static final List<Input> INPUTS =
      List.of(
          new Input(
              "id",
              "Identifier",
              "Lower-case letters, digits and hyphens, for example northshire-fire-and-rescue."
                  + " It is also the organisation's alias in Keycloak",
              "text",
              null),
          new Input("name", "Name", null, "text", null),
          new Input("type", "Type of organisation", null, "select", "organisation-type"),
          new Input("sector", "Sector", null, "select", "sector"),
          new Input("domain", "E-mail domain", "For example northshire-fire.example", "text", null),
          new Input("dpoName", "Data protection officer's name", null, "text", null),
          new Input("dpoEmail", "Data protection officer's e-mail address", null, "email", null));

  /** A registry organisation and how Keycloak has it. */
  record Row(Organisation organisation, String status, String tag, String detail) {}

  @GetMapping
  ModelAndView organisations(Authentication auth) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    ModelAndView mav = new ModelAndView("admin/organisations");
    Set<String> pending =
        onboarding.pending(actor).value().stream()
            .map(PendingOperation::organisation)
            .collect(Collectors.toSet());
    Map<String, DirectoryOrganisation> inKeycloak = null;
    try {
      inKeycloak =
          directory.organisations().stream()
              .collect(
                  Collectors.toMap(DirectoryOrganisation::alias, Function.identity(), (a, b) -> a));
    } catch (DirectoryException e) {
      mav.addObject(
          "keycloakError", "The state in Keycloak is not shown: " + AdminPages.trouble(e));
    }
    Map<String, DirectoryOrganisation> known = inKeycloak;
    List<Row> rows =
        organisations.list().stream()
            .sorted(Comparator.comparing(Organisation::name, String.CASE_INSENSITIVE_ORDER))
            .map(o -> row(o, known, pending.contains(o.id())))
            .toList();
    mav.addObject("rows", rows);
    mav.addObject("pendingCount", pending.size());
    return mav;
  }

  private static Row row(
      Organisation o, Map<String, DirectoryOrganisation> keycloak, boolean pending) {
    if (pending) {
      return new Row(
          o, "Pending", "govuk-tag--yellow", "Waiting for Keycloak: reconciliation completes it");
    }
    if (keycloak == null) {
      return new Row(o, "Unknown", "govuk-tag--grey", "Keycloak could not be asked");
    }
    DirectoryOrganisation d = keycloak.get(o.id());
    if (d == null) {
      return new Row(o, "Not in Keycloak", "govuk-tag--red", "Reconciliation can create it");
    }
    boolean sameName = d.name() != null && d.name().equals(o.name());
    boolean sameDomain = o.domain() == null || d.domains().contains(o.domain());
    if (!sameName || !sameDomain) {
      return new Row(
          o,
          "Differs",
          "govuk-tag--orange",
          (sameName ? "" : "Name in Keycloak: " + d.name() + ". ")
              + (sameDomain ? "" : "Domains in Keycloak: " + String.join(", ", d.domains())));
    }
    return new Row(o, "In Keycloak", "govuk-tag--green", "");
  }

  @GetMapping("/organisations/new")
  ModelAndView newOrganisation(Authentication auth) {
    if (!AdminPages.admin(Actors.of(auth))) {
      return AdminPages.adminsOnly();
    }
    return form(null, Map.of(), List.of(), null, HttpStatus.OK);
  }

  @PostMapping("/organisations/new")
  ModelAndView onboard(
      @RequestParam Map<String, String> params, Authentication auth, RedirectAttributes flash) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    Map<String, String> values = posted(params);
    Organisation o = organisation(values.get("id"), values, List.of());
    Result<Synced<Organisation>> r;
    try {
      r = onboarding.onboardOrganisation(actor, o);
    } catch (DirectoryException e) {
      return form(null, values, List.of(), AdminPages.trouble(e), AdminPages.status(e));
    }
    if (!r.ok()) {
      if (AdminPages.notTheForm(r)) {
        return AdminPages.failure(r);
      }
      List<Pages.ErrorLink> errors = AdminPages.refusal(r, Set.copyOf(FIELDS), "id");
      return form(null, values, errors, null, AdminPages.status(r.failure()));
    }
    return AdminPages.synced(flash, r.value(), "/admin/organisations/" + r.value().value().id());
  }

  @GetMapping("/organisations/{id}/edit")
  ModelAndView edit(@PathVariable String id, Authentication auth) {
    if (!AdminPages.admin(Actors.of(auth))) {
      return AdminPages.adminsOnly();
    }
    Optional<Organisation> o = organisations.get(id);
    if (o.isEmpty()) {
      return AdminPages.failure(Result.notFound("There is no organisation " + id));
    }
    return form(o.get(), values(o.get()), List.of(), null, HttpStatus.OK);
  }

  /**
   * Changes an organisation's details in the registry, and its name and e-mail domain in Keycloak;
   * its identifier (the Keycloak alias) and its assurances stay as they are.
   */
  @PostMapping("/organisations/{id}/edit")
  ModelAndView update(
      @PathVariable String id,
      @RequestParam Map<String, String> params,
      Authentication auth,
      RedirectAttributes flash) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    Optional<Organisation> before = organisations.get(id);
    if (before.isEmpty()) {
      return AdminPages.failure(Result.notFound("There is no organisation " + id));
    }
    Map<String, String> values = posted(params);
    values.put("id", id);
    Organisation changed = organisation(id, values, before.get().assurances());
    Result<Synced<Organisation>> r;
    try {
      r = onboarding.updateOrganisation(actor, changed);
    } catch (DirectoryException e) {
      return form(before.get(), values, List.of(), AdminPages.trouble(e), AdminPages.status(e));
    }
    if (!r.ok()) {
      if (r.violations().isEmpty() && r.failure() == Result.Failure.FORBIDDEN) {
        return AdminPages.failure(r);
      }
      List<Pages.ErrorLink> errors = AdminPages.refusal(r, Set.copyOf(FIELDS), "name");
      return form(before.get(), values, errors, null, AdminPages.status(r.failure()));
    }
    return AdminPages.synced(flash, r.value(), "/admin/organisations/" + id);
  }

  /** The form's answers, blank ones as null. */
  private static Map<String, String> posted(Map<String, String> params) {
    Map<String, String> values = new HashMap<>();
    FIELDS.forEach(f -> values.put(f, AdminPages.blankToNull(params.get(f))));
    return values;
  }

  private static Organisation organisation(
      String id, Map<String, String> v, List<Organisation.Assurance> assurances) {
    return new Organisation(
        id,
        v.get("name"),
        v.get("type"),
        v.get("sector"),
        v.get("domain"),
        v.get("dpoName"),
        v.get("dpoEmail"),
        assurances);
  }

  private static Map<String, String> values(Organisation o) {
    Map<String, String> v = new HashMap<>();
    v.put("id", o.id());
    v.put("name", o.name());
    v.put("type", o.type());
    v.put("sector", o.sector());
    v.put("domain", o.domain());
    v.put("dpoName", o.dpoName());
    v.put("dpoEmail", o.dpoEmail());
    return v;
  }

  /** The organisation form: onboarding a new one ({@code editing} null), or changing one. */
  private ModelAndView form(
      Organisation editing,
      Map<String, String> values,
      List<Pages.ErrorLink> errors,
      String keycloakError,
      HttpStatus status) {
    ModelAndView mav = new ModelAndView("admin/organisation-new", status);
    mav.addObject("editing", editing);
    mav.addObject("form", new LinkedHashMap<>(values));
    mav.addObject("errors", errors);
    mav.addObject("fieldErrors", AdminPages.fieldErrors(errors));
    mav.addObject("keycloakError", keycloakError);
    mav.addObject("inputs", INPUTS);
    mav.addObject(
        "concepts",
        Map.of(
            "organisation-type", reference.concepts("organisation-type"),
            "sector", reference.concepts("sector")));
    return mav;
  }
}
