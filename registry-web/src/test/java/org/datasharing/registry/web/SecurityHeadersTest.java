package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.web.security.SecurityHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every filter chain sends the same security headers: pages, the API, the SPARQL endpoint, and
 * error responses (problem+json and the error page) alike.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class SecurityHeadersTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
    // behind a TLS-terminating proxy, as README "Behind a reverse proxy" says (the test's client on
    // 127.0.0.1 is a trusted proxy by Tomcat's default internal-proxies)
    r.add("server.forward-headers-strategy", () -> "native");
  }

  @Autowired MockMvc mvc;
  @LocalServerPort int port;

  MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  static void assertSecurityHeaders(MockHttpServletResponse r, String what) {
    assertThat(r.getHeader("Content-Security-Policy"))
        .as(what)
        .contains("script-src 'self';", "frame-ancestors 'none'", "object-src 'none'")
        .doesNotContain("unsafe-eval")
        .satisfies(
            csp ->
                assertThat(csp.replaceAll("style-src [^;]*;", ""))
                    .as("no inline script")
                    .doesNotContain("unsafe-inline"));
    assertThat(r.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    assertThat(r.getHeader("X-Frame-Options")).as(what).isEqualTo("DENY");
    assertThat(r.getHeader("Referrer-Policy"))
        .as(what)
        .isEqualTo("strict-origin-when-cross-origin");
    assertThat(r.getHeader("Permissions-Policy")).as(what).contains("camera=()", "geolocation=()");
  }

  @Test
  void aPage_sendsTheSecurityHeaders_withAStrictStylePolicy() throws Exception {
    MockHttpServletResponse r = call(get("/register"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertSecurityHeaders(r, "the public register page");
    assertThat(r.getHeader("Content-Security-Policy"))
        .isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY)
        .contains("style-src 'self';");
  }

  @Test
  void theApi_andTheSparqlEndpoint_sendTheSecurityHeaders() throws Exception {
    MockHttpServletResponse api = call(get("/api/register"));
    assertThat(api.getStatus()).isEqualTo(200);
    assertSecurityHeaders(api, "GET /api/register");

    MockHttpServletResponse sparql = call(get("/sparql").param("query", "ASK {}"));
    assertThat(sparql.getStatus()).isEqualTo(200);
    assertSecurityHeaders(sparql, "GET /sparql");
  }

  @Test
  void errorResponses_sendTheSecurityHeaders() throws Exception {
    MockHttpServletResponse unauthorised = call(get("/api/organisations"));
    assertThat(unauthorised.getStatus()).isEqualTo(401);
    assertSecurityHeaders(unauthorised, "401 from the API");

    MockHttpServletResponse notFound =
        call(
            get("/api/agreements/no-such-agreement")
                .with(AuthorizationMatrixTest.token("auditor", new String[] {"auditor", null})));
    assertThat(notFound.getStatus()).isEqualTo(404);
    assertThat(notFound.getContentType()).startsWith("application/problem+json");
    assertSecurityHeaders(notFound, "404 problem from the API");

    MockHttpServletResponse pageNotFound = call(get("/datasets/no-such-dataset"));
    assertThat(pageNotFound.getStatus()).isEqualTo(404);
    assertSecurityHeaders(pageNotFound, "404 page");
  }

  @Test
  void theSparqlConsole_allowsInlineStyles_butNeverInlineScript() throws Exception {
    MockHttpServletResponse r =
        call(
            get("/audit/sparql")
                .with(
                    oidcLogin()
                        .idToken(
                            t ->
                                t.subject("sub-auditor")
                                    .claim("preferred_username", "auditor")
                                    .claim("realm_access", Map.of("roles", List.of("auditor"))))));
    assertThat(r.getStatus()).isEqualTo(200);
    assertSecurityHeaders(r, "the SPARQL console");
    assertThat(r.getHeader("Content-Security-Policy"))
        .isEqualTo(SecurityHeaders.CONSOLE_CONTENT_SECURITY_POLICY)
        .contains("style-src 'self' 'unsafe-inline';");
  }

  /**
   * Over real HTTP, where Tomcat forwards errors to {@code /error}: a request the firewall refuses
   * and a path nothing serves still carry the headers.
   */
  @Test
  void errorDispatches_overRealHttp_sendTheSecurityHeaders() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (String path : List.of("/register;x=1", "/api/no-such-endpoint", "/sparql/no-such")) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isBetween(400, 499);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).isPresent();
      assertThat(r.headers().firstValue("Permissions-Policy")).as(path).isPresent();
    }
  }

  /**
   * Behind the proxy, a request the proxy received over HTTPS ({@code X-Forwarded-Proto: https}) is
   * answered with HSTS and a {@code Secure} session cookie; one it received over plain HTTP gets
   * neither.
   */
  @Test
  void behindAProxy_httpsRequests_getHsts_andSecureSessionCookies() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (boolean https : List.of(true, false)) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/agreements"));
      if (https) {
        request.header("X-Forwarded-Proto", "https");
      }
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String cookie =
          r.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("JSESSIONID="))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no session cookie: " + r.headers().map()));
      if (https) {
        assertThat(r.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(cookie).contains("Secure");
      } else {
        assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(cookie).doesNotContain("Secure");
      }
      assertThat(cookie).contains("HttpOnly");
    }
  }
}
