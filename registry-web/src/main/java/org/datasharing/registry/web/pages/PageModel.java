package org.datasharing.registry.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.datasharing.registry.core.agreement.AgreementListing;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.web.security.Actors;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: who is signed in, whether sign-in is possible, where we are.
 * Given to the controllers marked {@link PageController} (so that the page plumbing depends on no
 * feature, and REST controllers in the same packages do not run it). {@code PlatformRulesTest}
 * holds every page controller to carry the mark.
 */
@ControllerAdvice(annotations = PageController.class)
class PageModel {
  private final ClientRegistrationRepository registrations;
  private final Labels labels;
  private final AgreementListing listing;

  PageModel(ClientRegistrationRepository registrations, Labels labels, AgreementListing listing) {
    this.registrations = registrations;
    this.labels = labels;
    this.listing = listing;
  }

  /** The signed-in user as the pages show them. */
  record Me(Actor actor, String organisationName) {
    public boolean signedIn() {
      return actor != Actors.ANONYMOUS;
    }

    public String username() {
      return actor.username();
    }

    public boolean dpo() {
      return actor.has(Actor.Role.DPO);
    }

    public boolean partner() {
      return actor.has(Actor.Role.PARTNER);
    }

    /** Staff of a member organisation: may draft agreements and request data. */
    public boolean member() {
      return actor.organisation().isPresent() && (dpo() || partner());
    }

    /** Signs off the organisation's approvals where it requires that (SIRO, Caldicott Guardian). */
    public boolean seniorOfficer() {
      return actor.organisation().isPresent() && actor.has(Actor.Role.SENIOR_OFFICER);
    }

    public boolean auditor() {
      return actor.has(Actor.Role.AUDITOR);
    }

    /** Onboards organisations and their people (the admin pages). */
    public boolean registryAdmin() {
      return actor.has(Actor.Role.REGISTRY_ADMIN);
    }

    public String organisation() {
      return actor.organisation().orElse("");
    }

    public String roleNames() {
      Set<Actor.Role> roles = actor.roles();
      return String.join(
          ", ",
          roles.stream()
              .map(
                  r ->
                      switch (r) {
                        case DPO -> "Data protection officer";
                        case PARTNER -> "Partner";
                        case AUDITOR -> "Auditor";
                        case REGISTRY_ADMIN -> "Registry administrator";
                        case SENIOR_OFFICER -> "Senior officer";
                      })
              .sorted()
              .toList());
    }
  }

  @ModelAttribute("me")
  Me me(Authentication authentication) {
    Actor actor = Actors.of(authentication);
    return new Me(actor, actor.organisation().map(labels::organisation).orElse(""));
  }

  /**
   * How many agreements wait for the signed-in person's decision (or a senior officer's sign-off),
   * for the header (the policy's answer through {@link AgreementListing#waitingForDecision}; two
   * store reads, whatever the number). Zero for anyone who decides nothing.
   */
  @ModelAttribute("waitingCount")
  int waitingCount(Authentication authentication) {
    Actor actor = Actors.of(authentication);
    return actor == Actors.ANONYMOUS ? 0 : listing.waitingForDecision(actor).size();
  }

  @ModelAttribute("signInAvailable")
  boolean signInAvailable() {
    return registrations.findByRegistrationId(PageSecurityConfiguration.REGISTRATION) != null;
  }

  @ModelAttribute("currentPath")
  String currentPath(HttpServletRequest request) {
    return request.getRequestURI();
  }

  /**
   * Loads a signed-in user's CSRF token before the view renders, so the forms' hidden fields never
   * need to create a session after the response has started. Signed-out visitors get no session:
   * their pages have no forms that change anything.
   */
  @ModelAttribute
  void csrf(CsrfToken token, Authentication authentication) {
    if (token != null && Actors.of(authentication) != Actors.ANONYMOUS) {
      token.getToken();
    }
  }
}
