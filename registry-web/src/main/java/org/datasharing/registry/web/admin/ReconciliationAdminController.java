package org.datasharing.registry.web.admin;

import java.util.List;
import java.util.Set;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.identity.ApplyReport;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.Onboarding;
import org.datasharing.registry.core.identity.PendingOperation;
import org.datasharing.registry.core.identity.Reconciliation;
import org.datasharing.registry.core.identity.ReconciliationReport;
import org.datasharing.registry.web.pages.PageController;
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
 * For registry administrators: the differences between the registry's organisations and Keycloak's,
 * the pending operations, and the explicit "apply" that fixes them (the registry is the reference).
 */
@Controller
@PageController
@RequestMapping("/admin/reconciliation")
class ReconciliationAdminController {
  private final Reconciliation reconciliation;
  private final Onboarding onboarding;

  ReconciliationAdminController(Reconciliation reconciliation, Onboarding onboarding) {
    this.reconciliation = reconciliation;
    this.onboarding = onboarding;
  }

  @GetMapping
  ModelAndView report(Authentication auth) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    ModelAndView mav = page(actor, HttpStatus.OK);
    try {
      Result<ReconciliationReport> r = reconciliation.report(actor);
      if (!r.ok()) {
        return AdminPages.failure(r);
      }
      mav.addObject("report", r.value());
    } catch (DirectoryException e) {
      mav.addObject("keycloakError", "Keycloak cannot be compared: " + AdminPages.trouble(e));
      mav.setStatus(AdminPages.status(e));
    }
    return mav;
  }

  /** Fixes every fixable difference, or only the one given, and shows what it did. */
  @PostMapping("/apply")
  ModelAndView apply(@RequestParam(required = false) String difference, Authentication auth) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    Set<String> only =
        difference == null || difference.isBlank() ? Set.of() : Set.of(difference.strip());
    ModelAndView mav;
    try {
      Result<ApplyReport> r = reconciliation.apply(actor, only);
      if (!r.ok()) {
        mav = page(actor, AdminPages.status(r.failure()));
        mav.addObject("keycloakError", r.message());
        reportAgain(actor, mav);
        return mav;
      }
      mav = page(actor, HttpStatus.OK);
      mav.addObject("results", r.value().results());
      if (r.value().after().isPresent()) {
        mav.addObject("report", r.value().after().get());
      } else {
        mav.addObject(
            "keycloakError",
            "Keycloak stopped answering during the run: the differences not fixed stay in the"
                + " report");
      }
    } catch (DirectoryException e) {
      mav = page(actor, AdminPages.status(e));
      mav.addObject("keycloakError", AdminPages.trouble(e));
    }
    return mav;
  }

  /**
   * Gives up an operation waiting for Keycloak (one Keycloak keeps refusing, or one done by hand
   * there); an audit event records who gave it up.
   */
  /** "Are you sure?": giving up cannot be undone. */
  @org.springframework.web.bind.annotation.GetMapping("/pending/{id}/discard")
  ModelAndView confirmDiscard(@PathVariable String id, Authentication auth) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    return onboarding.pending(actor).value().stream()
        .filter(op -> op.id().equals(id))
        .findFirst()
        .map(op -> new ModelAndView("admin/discard").addObject("op", op))
        .orElseGet(() -> AdminPages.failure(Result.notFound("No pending operation " + id)));
  }

  @PostMapping("/pending/{id}/discard")
  ModelAndView discard(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
    Actor actor = Actors.of(auth);
    if (!AdminPages.admin(actor)) {
      return AdminPages.adminsOnly();
    }
    Result<PendingOperation> r = onboarding.discard(actor, id);
    if (!r.ok()) {
      return AdminPages.failure(r);
    }
    flash.addFlashAttribute(
        "success", "Given up: " + r.value().describe() + ". Nothing more will be tried.");
    return new ModelAndView("redirect:/admin/reconciliation");
  }

  private void reportAgain(Actor actor, ModelAndView mav) {
    try {
      mav.addObject("report", reconciliation.report(actor).value());
    } catch (DirectoryException e) {
      // the error already shown says enough
    }
  }

  private ModelAndView page(Actor actor, HttpStatus status) {
    ModelAndView mav = new ModelAndView("admin/reconciliation", status);
    mav.addObject("pending", onboarding.pending(actor).value());
    mav.addObject("results", List.of());
    return mav;
  }
}
