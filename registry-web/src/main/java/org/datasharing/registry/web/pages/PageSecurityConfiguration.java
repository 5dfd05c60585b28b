package org.datasharing.registry.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.datasharing.registry.web.security.ActorLogContext;
import org.datasharing.registry.web.security.SecurityHeaders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Security for the HTML pages: every request that no other filter chain (the API's, for example)
 * claims. Sessions, CSRF tokens on every form, and sign-in with OIDC authorization code + PKCE
 * through Keycloak's confidential {@code registry-web} client; sign-out ends the Keycloak session
 * too (RP-initiated logout). The public register, the dataset catalogue and the assets are open to
 * anyone.
 *
 * <p>Without an issuer (tests that stub the resource server with a key set only) there is nothing
 * to sign in with: the public pages still work and the others explain that sign-in is unavailable.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {
  /** The JWT issuer (the Keycloak realm): the pages sign in through it when it is set. */
  static final String ISSUER_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

  static final String REGISTRATION = "keycloak";

  /** Open to anyone for reading. */
  private static final String[] PUBLIC_PAGES = {
    "/",
    "/register",
    "/register/**",
    "/datasets",
    "/datasets/**",
    "/privacy",
    "/cookies",
    "/accessibility",
    "/sign-in",
    "/signed-out",
    "/session-expired"
  };

  private static final String[] ASSETS = {
    "/webjars/**", "/assets/**", "/css/**", "/js/**", "/vendor/**", "/favicon.ico"
  };

  /**
   * Requests no other {@link SecurityFilterChain} matches. The pages chain claims "everything else"
   * this way instead of by ordering, so it cannot shadow a chain another feature adds.
   */
  static RequestMatcher unclaimed(ObjectProvider<SecurityFilterChain> chains) {
    return new RequestMatcher() {
      private volatile List<SecurityFilterChain> others;

      @Override
      public boolean matches(HttpServletRequest request) {
        List<SecurityFilterChain> list = others;
        if (list == null) {
          // looked up on the first request, once every chain exists
          list =
              chains.stream()
                  .filter(
                      c ->
                          !(c instanceof DefaultSecurityFilterChain d
                              && d.getRequestMatcher() == this))
                  .toList();
          others = list;
        }
        return list.stream().noneMatch(c -> c.matches(request));
      }

      @Override
      public String toString() {
        return "requests no other filter chain claims";
      }
    };
  }

  /** What both variants share: public pages and assets, sign-in for the rest, expired forms. */
  static HttpSecurity common(HttpSecurity http, ObjectProvider<SecurityFilterChain> chains)
      throws Exception {
    AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
    return http.securityMatcher(unclaimed(chains))
        .headers(SecurityHeaders.policy())
        .addFilterBefore(new ActorLogContext(), AuthorizationFilter.class)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(ASSETS)
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, PUBLIC_PAGES)
                    .permitAll()
                    .requestMatchers(HttpMethod.HEAD, PUBLIC_PAGES)
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(
                    (request, response, denied) -> {
                      // a form posted after the session timed out carries a token the new
                      // session does not know: say so, rather than "forbidden"
                      if (denied instanceof CsrfException) {
                        response.sendRedirect(request.getContextPath() + "/session-expired");
                      } else {
                        forbidden.handle(request, response, denied);
                      }
                    }));
  }

  /** Sign-in through Keycloak, when an issuer is configured. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(ISSUER_PROPERTY)
  static class Oidc {
    @Bean
    KeycloakOidcUserService keycloakOidcUserService(JwtDecoder accessTokens) {
      return new KeycloakOidcUserService(accessTokens);
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain pages(
        HttpSecurity http,
        ObjectProvider<SecurityFilterChain> chains,
        ClientRegistrationRepository registrations,
        KeycloakOidcUserService users)
        throws Exception {
      DefaultOAuth2AuthorizationRequestResolver pkce =
          new DefaultOAuth2AuthorizationRequestResolver(
              registrations,
              OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
      // PKCE for a confidential client too (Keycloak's client requires S256)
      pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
      OidcClientInitiatedLogoutSuccessHandler logout =
          new OidcClientInitiatedLogoutSuccessHandler(registrations);
      logout.setPostLogoutRedirectUri("{baseUrl}/signed-out");
      common(http, chains)
          .oauth2Login(
              login ->
                  login
                      .loginPage("/sign-in")
                      .authorizationEndpoint(a -> a.authorizationRequestResolver(pkce))
                      .userInfoEndpoint(u -> u.oidcUserService(users)))
          .logout(out -> out.logoutUrl("/sign-out").logoutSuccessHandler(logout));
      return http.build();
    }
  }

  /** No issuer configured: public pages only; the rest answer "sign-in unavailable". */
  @Configuration(proxyBeanMethods = false)
  @Conditional(NoIssuer.class)
  static class SignInUnavailable {
    /**
     * No clients: stands in for Spring Boot's repository, which would otherwise try to resolve the
     * Keycloak registration of application.yml against an issuer that is not configured.
     */
    @Bean
    ClientRegistrationRepository noClientRegistrations() {
      return registrationId -> null;
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain pages(HttpSecurity http, ObjectProvider<SecurityFilterChain> chains)
        throws Exception {
      common(http, chains)
          .exceptionHandling(
              e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/sign-in")));
      return http.build();
    }
  }

  static class NoIssuer extends NoneNestedConditions {
    NoIssuer() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(ISSUER_PROPERTY)
    static class IssuerConfigured {}
  }
}
