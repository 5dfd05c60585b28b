package org.datasharing.registry.web.security;

import org.datasharing.registry.web.operations.MetricsProperties;
import org.datasharing.registry.web.platform.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * One filter chain for the API and linked data: stateless, Keycloak JWTs as bearer tokens. Roles
 * come from the realm roles; every rule that also needs the organisation is checked in the core
 * ("role AND organisation"), which answers FORBIDDEN.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
  /** Readable by anyone, signed out. */
  private static final String[] PUBLIC = {
    "/api/register", "/api/register/**", "/id/**", "/catalog", "/catalog/**"
  };

  @Bean
  SecurityFilterChain api(HttpSecurity http, MetricsProperties metrics) throws Exception {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    ScrapeToken scrape = new ScrapeToken(metrics);
    http.securityMatcher(
            "/api/**",
            "/id/**",
            "/actuator/**",
            "/v3/api-docs/**",
            "/swagger-ui/**",
            "/swagger-ui.html",
            "/error",
            "/catalog",
            "/catalog/**")
        .csrf(csrf -> csrf.disable()) // bearer tokens only: no ambient credentials to forge
        .headers(SecurityHeaders.policy())
        .addFilterBefore(new ActorLogContext(), AuthorizationFilter.class)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info")
                    .permitAll()
                    .requestMatchers(ScrapeToken.ENDPOINT)
                    .access(scrape.orAdministrator())
                    .requestMatchers(
                        "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, PUBLIC)
                    .permitAll()
                    // HEAD answers like GET without a body (Spring MVC maps it to the GET handler)
                    .requestMatchers(HttpMethod.HEAD, PUBLIC)
                    .permitAll()
                    .requestMatchers("/api/audit/**")
                    .hasRole("AUDITOR")
                    // onboarding through Keycloak's admin API (web.identity)
                    .requestMatchers("/api/admin/**")
                    .hasRole("REGISTRY_ADMIN")
                    .requestMatchers("/api/**")
                    .authenticated()
                    .anyRequest()
                    .denyAll())
        .oauth2ResourceServer(
            rs ->
                rs.bearerTokenResolver(scrape.resolver())
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter()))
                    .authenticationEntryPoint(
                        (request, response, e) -> {
                          bearer.commence(
                              request, response, e); // keeps the WWW-Authenticate header
                          Problems.write(
                              request,
                              response,
                              HttpStatus.UNAUTHORIZED,
                              "Sign in: send a valid bearer token from the registry's Keycloak");
                        })
                    .accessDeniedHandler(
                        (request, response, e) ->
                            Problems.write(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "Your role does not allow this")))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(
                        (request, response, e) -> {
                          response.setHeader("WWW-Authenticate", "Bearer");
                          Problems.write(
                              request,
                              response,
                              HttpStatus.UNAUTHORIZED,
                              "Sign in: send a valid bearer token from the registry's Keycloak");
                        })
                    .accessDeniedHandler(
                        (request, response, e) ->
                            Problems.write(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "Your role does not allow this")));
    return http.build();
  }

  /**
   * A request Spring Security's firewall refuses (an encoded slash, a {@code ;} parameter, ...)
   * never reaches a filter chain: answer it as a 400 problem with the security headers all the
   * same.
   */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return (request, response, e) -> {
      SecurityHeaders.writeTo(response);
      Problems.write(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          "The request's URL is not one the registry accepts");
    };
  }

  static JwtAuthenticationConverter jwtAuthenticationConverter() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setPrincipalClaimName("preferred_username");
    converter.setJwtGrantedAuthoritiesConverter(Actors::authorities);
    return converter;
  }
}
