package org.datasharing.registry.web.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The response headers every filter chain sends (pages, API, SPARQL, errors): one policy, applied
 * with {@code http.headers(SecurityHeaders.policy())}.
 *
 * <p>Scripts come only from the registry itself ({@code script-src 'self'}, no inline script: the
 * templates have none, {@code TemplateHygieneTest} keeps it so). Styles too, except on the SPARQL
 * console: YASGUI's table column resizer injects a {@code <style>} element and its autocompletion
 * writes {@code style} attributes, so that one page allows inline styles (never inline scripts).
 * Nothing may frame a page ({@code frame-ancestors 'none'} plus {@code X-Frame-Options} for old
 * browsers). No {@code form-action}: signing out posts a form that redirects to Keycloak.
 */
public final class SecurityHeaders {
  /** Every response but the SPARQL console page. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
          + " frame-ancestors 'none'";

  /** The SPARQL console page: inline styles (YASGUI's), still no inline script. */
  public static final String CONSOLE_CONTENT_SECURITY_POLICY =
      CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

  /** Powerful browser features no page of the registry uses. */
  public static final String PERMISSIONS_POLICY =
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(),"
          + " display-capture=(), browsing-topics=()";

  static final String CONSOLE_PAGE = "/audit/sparql";

  private SecurityHeaders() {}

  /**
   * The same headers, written straight onto a response no filter chain handles: one Spring
   * Security's firewall refuses before any chain runs ({@link SecurityConfiguration}).
   */
  public static void writeTo(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader(
        "Referrer-Policy", ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN.getPolicy());
    response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
  }

  public static Customizer<HeadersConfigurer<HttpSecurity>> policy() {
    RequestMatcher console = PathPatternRequestMatcher.withDefaults().matcher(CONSOLE_PAGE);
    return headers ->
        headers
            .contentTypeOptions(Customizer.withDefaults())
            .frameOptions(frame -> frame.deny())
            .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
            .permissionsPolicyHeader(p -> p.policy(PERMISSIONS_POLICY))
            .addHeaderWriter(
                new DelegatingRequestMatcherHeaderWriter(
                    new NegatedRequestMatcher(console),
                    new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY)))
            .addHeaderWriter(
                new DelegatingRequestMatcherHeaderWriter(
                    console,
                    new StaticHeadersWriter(
                        "Content-Security-Policy", CONSOLE_CONTENT_SECURITY_POLICY)));
  }
}
