package org.datasharing.registry.web.security;

import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.web.operations.SecurityLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Sign-in results for the security log: signing in to the pages through Keycloak (success or
 * failure, with the kind of failure, never the token or what was typed) and signing out. Bearer
 * tokens are checked on every API call: their failures are logged as refusals (401) by {@code
 * operations.CorrelationIdFilter}, their successes not at all.
 */
@Configuration(proxyBeanMethods = false)
class SignInEvents {

  /** Spring Security's publisher, also for failures it has no event type for (OAuth2 errors). */
  @Bean
  AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
    DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
    publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
    return publisher;
  }

  /**
   * A page sign-in: Spring Security publishes it with the login token ({@code
   * OAuth2LoginAuthenticationToken}), whose principal is the OIDC user; bearer-token calls have a
   * {@code Jwt} as principal and are not sign-ins.
   */
  @EventListener
  void signedIn(AuthenticationSuccessEvent event) {
    if (event.getAuthentication().getPrincipal() instanceof OidcUser user) {
      Actor actor = Actors.of(user.getClaims());
      SecurityLog.event(
          "sign-in",
          "success",
          "subject",
          actor.subject(),
          "subjectOrganisation",
          actor.organisation().orElse(""));
    }
  }

  @EventListener
  void signInFailed(AbstractAuthenticationFailureEvent event) {
    if (event.getAuthentication()
        instanceof
        org.springframework.security.oauth2.server.resource.authentication
            .BearerTokenAuthenticationToken) {
      return; // an API call's bad token: logged as a 401 refusal
    }
    SecurityLog.event(
        "sign-in", "failure", "reason", event.getException().getClass().getSimpleName());
  }

  @EventListener
  void signedOut(LogoutSuccessEvent event) {
    SecurityLog.event(
        "sign-out", "success", "subject", Actors.of(event.getAuthentication()).subject());
  }
}
