package org.datasharing.registry.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.datasharing.registry.web.operations.MetricsProperties;
import org.datasharing.registry.web.platform.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
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
    "/api/register",
    "/api/register/**",
    "/id/**",
    "/catalog",
    "/catalog/**",
    // the audit log's checkpoints (hashes and signatures only); the rest of /api/audit is auditors'
    "/api/audit/tree-head",
    "/api/audit/keys",
    "/api/audit/consistency"
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
                          signIn(request, response);
                        })
                    .accessDeniedHandler(SecurityConfiguration::roleRefused))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(
                        (request, response, e) -> {
                          response.setHeader("WWW-Authenticate", "Bearer");
                          signIn(request, response);
                        })
                    .accessDeniedHandler(SecurityConfiguration::roleRefused));
    return http.build();
  }

  /** 401 as a problem: the caller has no valid bearer token. */
  private static void signIn(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Problems.write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        "Sign in: send a valid bearer token from the registry's Keycloak");
  }

  /** 403 as a problem: the caller's role does not allow the request. */
  private static void roleRefused(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    Problems.write(request, response, HttpStatus.FORBIDDEN, "Your role does not allow this");
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
