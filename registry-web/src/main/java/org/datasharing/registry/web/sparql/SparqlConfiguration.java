package org.datasharing.registry.web.sparql;

import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.sparql.QueryPack;
import org.datasharing.registry.core.sparql.SparqlService;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.security.ActorLogContext;
import org.datasharing.registry.web.security.Actors;
import org.datasharing.registry.web.security.SecurityHeaders;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The SPARQL endpoint's wiring and its own security chain. {@code /sparql} is open to everyone:
 * what a caller sees is decided per request by the core's access policy from the caller (none: the
 * public graphs), so the chain only authenticates. A bearer token that is present but invalid is
 * refused rather than treated as anonymous. Besides bearer tokens (scripts, notebooks) it honours
 * the session of someone signed in to the pages (the YASGUI page), but never creates a session.
 * CSRF protection is off: every request here is a read-only query, so a forged one changes nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SparqlProperties.class)
class SparqlConfiguration {

  @Bean
  SparqlService sparqlService(Registry registry, SparqlProperties properties) {
    return new SparqlService(registry.store(), registry.ids(), properties.limits());
  }

  @Bean
  QueryPack queryPack() {
    return QueryPack.load();
  }

  @Bean
  @Order(1)
  SecurityFilterChain sparqlSecurity(HttpSecurity http) throws Exception {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    http.securityMatcher("/sparql", "/sparql/**")
        .csrf(csrf -> csrf.disable())
        .headers(SecurityHeaders.policy())
        .addFilterBefore(new ActorLogContext(), AuthorizationFilter.class)
        // read the pages' login from an existing session; never create one
        .securityContext(
            c -> c.securityContextRepository(new HttpSessionSecurityContextRepository()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .oauth2ResourceServer(
            rs ->
                rs.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter()))
                    .authenticationEntryPoint(
                        (request, response, e) -> {
                          bearer.commence(request, response, e); // keeps WWW-Authenticate
                          Problems.write(
                              request,
                              response,
                              HttpStatus.UNAUTHORIZED,
                              "The bearer token is not valid: sign in again, or send no token"
                                  + " to query the public graphs");
                        }));
    return http.build();
  }

  private static JwtAuthenticationConverter jwtAuthenticationConverter() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setPrincipalClaimName("preferred_username");
    converter.setJwtGrantedAuthoritiesConverter(Actors::authorities);
    return converter;
  }
}
