package org.datasharing.registry.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.datasharing.registry.web.operations.MetricsProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may read {@code /actuator/prometheus}: a registry administrator, or a scraper presenting
 * {@code registry.metrics.scrape-token} as its bearer token. That token is not a JWT, so the
 * resource server does not try to decode it there; it opens nothing else.
 */
final class ScrapeToken {
  static final String ENDPOINT = "/actuator/prometheus";

  private final byte[] token;
  private final DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();

  ScrapeToken(MetricsProperties properties) {
    this.token = properties.scrapeToken().getBytes(StandardCharsets.UTF_8);
  }

  /** Does this request to the metrics endpoint carry the scrape token? */
  boolean presentedBy(HttpServletRequest request) {
    if (token.length == 0 || !request.getRequestURI().equals(request.getContextPath() + ENDPOINT)) {
      return false;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] presented = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(presented, token); // constant time
  }

  /** The bearer token to decode as a JWT: any but the scrape token on the metrics endpoint. */
  BearerTokenResolver resolver() {
    return request -> presentedBy(request) ? null : bearer.resolve(request);
  }

  /** The scrape token, or the registry-admin role. */
  AuthorizationManager<RequestAuthorizationContext> orAdministrator() {
    AuthorityAuthorizationManager<RequestAuthorizationContext> admin =
        AuthorityAuthorizationManager.hasRole("REGISTRY_ADMIN");
    return (authentication, context) ->
        presentedBy(context.getRequest())
            ? new AuthorizationDecision(true)
            : admin.authorize(authentication, context);
  }
}
