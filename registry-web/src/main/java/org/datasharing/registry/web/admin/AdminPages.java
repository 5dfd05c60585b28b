package org.datasharing.registry.web.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.Synced;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Shared answers of the registry-admin pages. */
final class AdminPages {
  private AdminPages() {}

  static boolean admin(Actor actor) {
    return actor.has(Actor.Role.REGISTRY_ADMIN);
  }

  static ModelAndView adminsOnly() {
    return problem(
        HttpStatus.FORBIDDEN,
        "You cannot see or do this",
        "Only a registry administrator can onboard organisations and their people.");
  }

  static ModelAndView problem(HttpStatus status, String heading, String message) {
    return Pages.problem(status, heading, message);
  }

  /** The page for a failed core call that is not about the form's fields. */
  static ModelAndView failure(Result<?> r) {
    return Pages.failure(r);
  }

  static HttpStatus status(Result.Failure failure) {
    return Problems.status(failure);
  }

  /** Keycloak trouble, as the admin reads it: nothing was changed. */
  static String trouble(DirectoryException e) {
    return switch (e.kind()) {
      case NOT_CONFIGURED ->
          "Keycloak's admin API is not configured (" + e.getMessage() + "); nothing was changed";
      case NO_ANSWER -> "Keycloak did not answer; nothing was changed, try again later";
      case ACCESS_DENIED ->
          "Keycloak refused the registry's service account ("
              + e.getMessage()
              + "); nothing was changed";
      default -> "Keycloak failed (" + e.getMessage() + "); nothing was changed";
    };
  }

  static HttpStatus status(DirectoryException e) {
    return Problems.status(e.kind());
  }

  /**
   * The error summary's entries; a violation of a field without an input links to {@code fallback}.
   */
  static List<Pages.ErrorLink> errorLinks(
      List<Violation> violations, Set<String> inputs, String fallback) {
    return violations.stream()
        .map(
            v ->
                new Pages.ErrorLink(
                    v.field(),
                    v.field() != null && inputs.contains(v.field()) ? v.field() : fallback,
                    v.message()))
        .toList();
  }

  /**
   * Whether a refused onboarding form is answered by a page of its own (forbidden, or nothing to
   * act on) rather than by the form with its errors.
   */
  static boolean notTheForm(Result<?> r) {
    return r.violations().isEmpty()
        && (r.failure() == Result.Failure.FORBIDDEN || r.failure() == Result.Failure.NOT_FOUND);
  }

  /** A refused form's error summary: its violations, or its message linked to {@code fallback}. */
  static List<Pages.ErrorLink> refusal(Result<?> r, Set<String> inputs, String fallback) {
    return r.violations().isEmpty()
        ? List.of(new Pages.ErrorLink(null, fallback, r.message()))
        : errorLinks(r.violations(), inputs, fallback);
  }

  /**
   * Back to {@code page} after a change made in the registry: a success once Keycloak followed, a
   * notice while it is still pending there.
   */
  static ModelAndView synced(RedirectAttributes flash, Synced<?> s, String page) {
    flash.addFlashAttribute(s.done() ? "success" : "notice", s.message());
    return new ModelAndView("redirect:" + page);
  }

  /** The first message for each input, shown next to it. */
  static Map<String, String> fieldErrors(List<Pages.ErrorLink> links) {
    Map<String, String> out = new LinkedHashMap<>();
    links.forEach(l -> out.putIfAbsent(l.anchor(), l.message()));
    return out;
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
