package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.datasharing.registry.core.audit.LogVerifications;
import org.datasharing.registry.web.operations.CorrelationIdFilter;
import org.datasharing.registry.web.operations.SecurityLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security log (ASVS V16): each kind of event (sign-in and sign-out, refusals, validation
 * failures, admin actions, imports, SPARQL limits, verifications in the foreground and the
 * background) is written on {@code registry.security} as one JSON line by the encoder of
 * logback-spring.xml, with UTC time, the correlation id, the actor and organisation, the event and
 * its outcome; no token; text a caller sends cannot start a line.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SecurityLogTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("registry.store.backup-dir", () -> dir.resolve("backups").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
    r.add("registry.sparql.timeout", () -> "200ms");
  }

  @Autowired MockMvc mvc;
  @Autowired AuthenticationEventPublisher authenticationEvents;
  @Autowired ApplicationEventPublisher events;
  @Autowired LogVerifications verifications;

  final ListAppender<ILoggingEvent> captured =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
          event.prepareForDeferredProcessing(); // keep the MDC as it was when logged
          super.append(event);
        }
      };
  final JsonMapper json = JsonMapper.builder().build();

  @Autowired org.springframework.core.env.ConfigurableEnvironment environment;

  @BeforeEach
  void capture() {
    // The JVM has one logging system: if it was cleaned up after this class's context started
    // (the test context cache closes its least recently used context when full, and there are
    // more contexts than its 32), configure it again from logback-spring.xml, as at start.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    if (context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("JSON") == null) {
      org.springframework.boot.logging.LoggingSystem logging =
          org.springframework.boot.logging.LoggingSystem.get(getClass().getClassLoader());
      logging.beforeInitialize();
      logging.initialize(
          new org.springframework.boot.logging.LoggingInitializationContext(environment),
          null,
          null);
    }
    captured.start();
    ((Logger) LoggerFactory.getLogger(SecurityLog.LOGGER)).addAppender(captured);
  }

  @AfterEach
  void release() {
    ((Logger) LoggerFactory.getLogger(SecurityLog.LOGGER)).detachAppender(captured);
  }

  /** The JSON encoder that logback-spring.xml gives the console outside the dev profile. */
  @SuppressWarnings("unchecked")
  static Encoder<ILoggingEvent> jsonEncoder() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("JSON");
    assertThat(appender).as("the JSON appender of logback-spring.xml").isNotNull();
    return ((OutputStreamAppender<ILoggingEvent>) appender).getEncoder();
  }

  /** The captured events as the lines the JSON encoder writes, each parsed. */
  List<JsonNode> lines() {
    Encoder<ILoggingEvent> encoder = jsonEncoder();
    return captured.list.stream()
        .map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8))
        .peek(line -> assertThat(line.strip()).as("one line per event").doesNotContain("\n", "\r"))
        .map(json::readTree)
        .toList();
  }

  JsonNode event(String name) {
    return lines().stream()
        .filter(l -> name.equals(l.path("event").asString()))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + name + " event in " + lines()));
  }

  MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder b, String user) {
    return b.with(AuthorizationMatrixTest.token(user, AuthorizationMatrixTest.USERS.get(user)));
  }

  @Test
  void refusals_areLogged_withTheActor_organisation_andCorrelationId() throws Exception {
    MockHttpServletResponse forbidden =
        call(as(get("/api/audit/events"), "partner.council").header("X-Request-Id", "req-42"));
    assertThat(forbidden.getStatus()).isEqualTo(403);
    assertThat(forbidden.getHeader("X-Request-Id")).isEqualTo("req-42");
    JsonNode refused = event("access-refused");
    assertThat(refused.path("outcome").asString()).isEqualTo("refused");
    assertThat(refused.path("status").asInt()).isEqualTo(403);
    assertThat(refused.path("path").asString()).isEqualTo("/api/audit/events");
    assertThat(refused.path("requestId").asString()).isEqualTo("req-42");
    assertThat(refused.path("actor").asString()).isEqualTo("sub-partner.council");
    assertThat(refused.path("organisation").asString()).isEqualTo("northshire-county-council");
    assertThat(refused.path("level").asString()).isEqualTo("WARN");
    assertThat(refused.path("@timestamp").asString()).endsWith("Z");

    captured.list.clear();
    MockHttpServletResponse anonymous =
        call(
            get("/api/organisations")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("Authorization", "Bearer not-a-valid-token"));
    assertThat(anonymous.getStatus()).isEqualTo(401);
    assertThat(anonymous.getHeader("X-Request-Id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    JsonNode unauthorised = event("access-refused");
    assertThat(unauthorised.path("status").asInt()).isEqualTo(401);
    assertThat(unauthorised.path("requestId").asString())
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(unauthorised.toString()).doesNotContain("not-a-valid-token");
  }

  @Test
  void validationFailures_adminActions_imports_sparqlLimits_andVerification_areLogged()
      throws Exception {
    assertThat(
            call(as(post("/api/organisations"), "admin")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{}"))
                .getStatus())
        .isEqualTo(422);
    assertThat(event("validation-failed").path("outcome").asString()).isEqualTo("invalid");

    assertThat(call(as(post("/api/admin/backups"), "admin")).getStatus()).isEqualTo(201);
    JsonNode admin = event("admin-action");
    assertThat(admin.path("outcome").asString()).isEqualTo("success");
    assertThat(admin.path("route").asString()).isEqualTo("POST /api/admin/backups");
    assertThat(admin.path("actor").asString()).isEqualTo("sub-admin");

    int imported =
        call(as(post("/api/datasets/import"), "admin")
                .contentType("text/turtle")
                .content("this is not Turtle"))
            .getStatus();
    assertThat(imported).isBetween(400, 499);
    JsonNode importEvent = event("import");
    assertThat(importEvent.path("status").asInt()).isEqualTo(imported);
    assertThat(importEvent.path("outcome").asString()).isNotEqualTo("success");

    assertThat(call(get("/sparql").param("update", "DROP ALL")).getStatus()).isEqualTo(400);
    assertThat(event("sparql-limit").path("reason").asString()).isEqualTo("refused");

    assertThat(call(as(get("/api/audit/verify"), "auditor")).getStatus()).isEqualTo(200);
    JsonNode verified = event("audit-verification");
    assertThat(verified.path("outcome").asString()).isEqualTo("success");
    assertThat(verified.has("treeSize")).isTrue();
    assertThat(verified.path("findings").asInt()).isZero();
  }

  @Test
  void signInResults_areLogged_withoutTokens() {
    DefaultOidcUser user =
        new DefaultOidcUser(
            List.of(new SimpleGrantedAuthority("ROLE_DPO")),
            OidcIdToken.withTokenValue("secret-id-token-value")
                .subject("sub-dpo.council")
                .claim("preferred_username", "dpo.council")
                .claim("organization", List.of("northshire-county-council"))
                .build());
    authenticationEvents.publishAuthenticationSuccess(
        new OAuth2AuthenticationToken(user, user.getAuthorities(), "keycloak"));
    JsonNode signedIn = event("sign-in");
    assertThat(signedIn.path("outcome").asString()).isEqualTo("success");
    assertThat(signedIn.path("subject").asString()).isEqualTo("sub-dpo.council");
    assertThat(signedIn.toString()).doesNotContain("secret-id-token-value", "\"dpo.council\"");

    captured.list.clear();
    authenticationEvents.publishAuthenticationFailure(
        new OAuth2AuthenticationException("invalid_grant"),
        UsernamePasswordAuthenticationToken.unauthenticated("dpo.council", "demo"));
    JsonNode failed = event("sign-in");
    assertThat(failed.path("outcome").asString()).isEqualTo("failure");
    assertThat(failed.path("reason").asString()).isEqualTo("OAuth2AuthenticationException");
    assertThat(failed.toString()).doesNotContain("demo");
  }

  @Test
  void sparqlTimeouts_andBackgroundVerifications_areLogged() throws Exception {
    assertThat(
            call(get("/sparql")
                    .param("query", "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"))
                .getStatus())
        .isEqualTo(503);
    JsonNode limit = event("sparql-limit");
    assertThat(limit.path("reason").asString()).isEqualTo("timeout");
    assertThat(limit.path("outcome").asString()).isEqualTo("refused");

    // the verification the audit log page's button starts runs in the background
    captured.list.clear();
    assertThat(call(as(post("/api/audit/verifications"), "auditor")).getStatus()).isEqualTo(202);
    assertThat(verifications.awaitIdle(Duration.ofSeconds(60))).isTrue();
    JsonNode verified = event("audit-verification");
    assertThat(verified.path("outcome").asString()).isEqualTo("success");
    assertThat(verified.path("treeSize").asLong()).isPositive();
    assertThat(verified.has("millis")).isTrue();
  }

  @Test
  void signOut_isLogged_withTheSubjectOnly() {
    DefaultOidcUser user =
        new DefaultOidcUser(
            List.of(new SimpleGrantedAuthority("ROLE_AUDITOR")),
            OidcIdToken.withTokenValue("secret-id-token-value")
                .subject("sub-auditor")
                .claim("preferred_username", "auditor")
                .build());
    events.publishEvent(
        new LogoutSuccessEvent(
            new OAuth2AuthenticationToken(user, user.getAuthorities(), "keycloak")));
    JsonNode signedOut = event("sign-out");
    assertThat(signedOut.path("outcome").asString()).isEqualTo("success");
    assertThat(signedOut.path("subject").asString()).isEqualTo("sub-auditor");
    assertThat(signedOut.toString()).doesNotContain("secret-id-token-value", "\"auditor\"");
  }

  @Test
  void textFromARequest_cannotForgeALogLine() throws Exception {
    String forged = "x\r\n{\"event\":\"sign-in\",\"outcome\":\"success\"}";
    MockHttpServletResponse r =
        call(get("/api/organisations").header(CorrelationIdFilter.HEADER, forged));
    assertThat(r.getHeader(CorrelationIdFilter.HEADER)).doesNotContain("\r", "\n", "{");
    assertThat(event("access-refused").path("requestId").asString())
        .isEqualTo(r.getHeader(CorrelationIdFilter.HEADER));

    captured.list.clear();
    SecurityLog.event("import", "failure", "detail", forged);
    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).path("detail").asString()).isEqualTo(forged);
    assertThat(lines.get(0).path("event").asString()).isEqualTo("import");
  }
}
