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
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

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

  @EventListener
  void signedIn(AuthenticationSuccessEvent event) {
    if (event.getAuthentication() instanceof OAuth2AuthenticationToken token) {
      Actor actor = Actors.of(token);
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
