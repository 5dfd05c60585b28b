package org.datasharing.registry.web.pages;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /sign-in} sends the browser to Keycloak (the page a protected page redirects to keeps the
 * page asked for, so the user lands there after signing in); {@code /signed-out} confirms sign-out
 * after Keycloak has ended its session; {@code /session-expired} explains a form posted after the
 * session timed out.
 */
@Controller
@PageController
class SignInController {
  private final ClientRegistrationRepository registrations;

  SignInController(ClientRegistrationRepository registrations) {
    this.registrations = registrations;
  }

  @GetMapping("/sign-in")
  ModelAndView signIn(@RequestParam(required = false) String error) {
    if (registrations.findByRegistrationId(PageSecurityConfiguration.REGISTRATION) == null) {
      return Pages.problem(
          HttpStatus.SERVICE_UNAVAILABLE,
          "Sign-in is not available",
          "This registry has no identity provider configured. The public register and the dataset"
              + " catalogue work without signing in.");
    }
    if (error != null) {
      return new ModelAndView("sign-in-failed", HttpStatus.UNAUTHORIZED);
    }
    return new ModelAndView(
        "redirect:"
            + OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
            + "/"
            + PageSecurityConfiguration.REGISTRATION);
  }

  @GetMapping("/signed-out")
  String signedOut() {
    return "signed-out";
  }

  @GetMapping("/session-expired")
  String sessionExpired() {
    return "session-expired";
  }
}
