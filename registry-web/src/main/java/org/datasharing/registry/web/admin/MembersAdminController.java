package org.datasharing.registry.web.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.DirectoryUser;
import org.datasharing.registry.core.identity.MemberAdded;
import org.datasharing.registry.core.identity.NewMember;
import org.datasharing.registry.core.identity.Onboarding;
import org.datasharing.registry.core.identity.Synced;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
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
 * For registry administrators: an organisation's members in Keycloak, adding a DPO or partner and
 * removing a member (refused, with the reason, for the last DPO of a party to an agreement in
 * force).
 */
@Controller
@PageController
@RequestMapping("/admin/organisations/{id}")
class MembersAdminController {
  /** The add-member form's inputs, by the API's field names. */
  static final List<String> FIELDS = List.of("username", "email", "firstName", "lastName", "role");

  /** A text input of the add-member form. */
  record Input(String name, String label, String hint, String type) {}

  static final List<Input> INPUTS =
      List.of(
          new Input("email", "E-mail address", null, "email"),
          new Input("firstName", "First name", null, "text"),
          new Input("lastName", "Last name", null, "text"),
          new Input(
              "username",
              "Username (optional)",
              "The e-mail address when you leave it empty",
              "text"));

  private final OrganisationService organisations;
  private final Onboarding onboarding;

  MembersAdminController(OrganisationService organisations, Onboarding onboarding) {
    this.organisations = organisations;
    this.onboarding = onboarding;
  }

  @GetMapping
  ModelAndView members(@PathVariable String id, Authentication auth) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    return page(actor, id, Map.of(), List.of(), null, HttpStatus.OK);
  }

  @PostMapping("/members")
  ModelAndView add(
      @PathVariable String id,
      @RequestParam Map<String, String> params,
      Authentication auth,
      RedirectAttributes flash) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    Map<String, String> values = new LinkedHashMap<>();
    FIELDS.forEach(f -> values.put(f, AdminPages.blankToNull(params.get(f))));
    NewMember m =
        new NewMember(
            values.get("username"),
            values.get("email"),
            values.get("firstName"),
            values.get("lastName"),
            values.get("role"));
    Result<Synced<MemberAdded>> r;
    try {
      r = onboarding.addMember(actor, id, m);
    } catch (DirectoryException e) {
      return page(actor, id, values, List.of(), AdminPages.trouble(e), AdminPages.status(e));
    }
    if (!r.ok()) {
      if (AdminPages.notTheForm(r)) {
        return AdminPages.failure(r);
      }
      List<Pages.ErrorLink> errors = AdminPages.refusal(r, Set.copyOf(FIELDS), "email");
      return page(actor, id, values, errors, null, AdminPages.status(r.failure()));
    }
    return AdminPages.synced(flash, r.value(), "/admin/organisations/" + id);
  }

  /** Whether the organisation's approvals need its senior officer's sign-off (the admin's say). */
  @PostMapping("/senior-sign-off")
  ModelAndView seniorSignOff(
      @PathVariable String id,
      @RequestParam(defaultValue = "false") boolean required,
      Authentication auth,
      RedirectAttributes flash) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    Result<Boolean> r = organisations.requireSeniorSignOff(actor, id, required);
    if (!r.ok()) {
      return AdminPages.failure(r);
    }
    flash.addFlashAttribute(
        "success",
        r.value()
            ? "The organisation's approvals now need a senior officer's sign-off after its DPO's."
            : "The organisation's DPO now signs off its approvals alone.");
    return new ModelAndView("redirect:/admin/organisations/" + id);
  }

  @PostMapping("/members/{username}/remove")
  ModelAndView remove(
      @PathVariable String id,
      @PathVariable String username,
      Authentication auth,
      RedirectAttributes flash) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    Result<Synced<String>> r;
    try {
      r = onboarding.removeMember(actor, id, username);
    } catch (DirectoryException e) {
      return page(actor, id, Map.of(), List.of(), AdminPages.trouble(e), AdminPages.status(e));
    }
    if (!r.ok()) {
      if (r.failure() == Result.Failure.FORBIDDEN) {
        return AdminPages.failure(r);
      }
      // the refusal (e.g. the last DPO) links to the member's remove button
      String anchor = "remove-" + username;
      List<Pages.ErrorLink> errors =
          r.violations().isEmpty()
              ? List.of(new Pages.ErrorLink("username", anchor, r.message()))
              : r.violations().stream()
                  .map(v -> new Pages.ErrorLink(v.field(), anchor, v.message()))
                  .toList();
      return page(actor, id, Map.of(), errors, null, AdminPages.status(r.failure()));
    }
    return AdminPages.synced(flash, r.value(), "/admin/organisations/" + id);
  }

  private ModelAndView page(
      Actor actor,
      String id,
      Map<String, String> values,
      List<Pages.ErrorLink> errors,
      String keycloakError,
      HttpStatus status) {
    Optional<Organisation> org = Slugs.isValid(id) ? organisations.get(id) : Optional.empty();
    if (org.isEmpty()) {
      return AdminPages.problem(HttpStatus.NOT_FOUND, "Page not found", "No organisation " + id);
    }
    ModelAndView mav = new ModelAndView("admin/members", status);
    mav.addObject("organisation", org.get());
    mav.addObject("requiresSeniorSignOff", organisations.requiresSeniorSignOff(id));
    List<DirectoryUser> members = List.of();
    try {
      Result<List<DirectoryUser>> r = onboarding.members(actor, id);
      if (!r.ok()) {
        return AdminPages.failure(r);
      }
      members = r.value();
    } catch (DirectoryException e) {
      String why = "The members in Keycloak are not shown: " + AdminPages.trouble(e);
      mav.addObject("membersError", why);
    }
    mav.addObject("members", members);
    mav.addObject("keycloakError", keycloakError);
    mav.addObject("inputs", INPUTS);
    mav.addObject("form", new LinkedHashMap<>(values));
    mav.addObject("errors", errors);
    mav.addObject("fieldErrors", AdminPages.fieldErrors(errors));
    return mav;
  }
}
