package org.datasharing.registry.web.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The resource server against an OIDC provider stubbed by WireMock (discovery + JWKS): only tokens
 * signed by the provider's key, from its issuer, for the registry's audience and not expired get
 * in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtValidationTest {
  @TempDir static Path dir;
  static final WireMockServer idp =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final RSAKey key;
  static final RSAKey otherKey;

  static {
    try {
      key = new RSAKeyGenerator(2048).keyID("registry-test").generate();
      otherKey = new RSAKeyGenerator(2048).keyID("registry-test").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    idp.start();
    String issuer = issuer();
    idp.stubFor(
        get(urlEqualTo("/realms/registry/.well-known/openid-configuration"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"issuer\":\""
                            + issuer
                            + "\",\"jwks_uri\":\""
                            + issuer
                            + "/protocol/openid-connect/certs\",\"authorization_endpoint\":\""
                            + issuer
                            + "/protocol/openid-connect/auth\",\"token_endpoint\":\""
                            + issuer
                            + "/protocol/openid-connect/token\",\"subject_types_supported\":[\"public\"],"
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"response_types_supported\":[\"code\"]}")));
    idp.stubFor(
        get(urlEqualTo("/realms/registry/protocol/openid-connect/certs"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(new JWKSet(key.toPublicJWK()).toString())));
  }

  static String issuer() {
    return "http://localhost:" + idp.port() + "/realms/registry";
  }

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", JwtValidationTest::issuer);
  }

  @AfterAll
  static void stop() {
    idp.stop();
  }

  @LocalServerPort int port;

  String token(RSAKey signer, Consumer<JWTClaimsSet.Builder> tweak) throws Exception {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .subject("7d2f6c1e-3b4a-4f5e-9a10-2c4e6f8a0b01")
            .audience(List.of("registry-web", "account"))
            .issueTime(Date.from(Instant.now()))
            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
            .claim("preferred_username", "dpo.council")
            .claim("realm_access", Map.of("roles", List.of("dpo")))
            .claim("organization", List.of("northshire-county-council"));
    tweak.accept(claims);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signer.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    jwt.sign(new RSASSASigner(signer));
    return jwt.serialize();
  }

  int status(String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/agreements"));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient()
        .send(b.build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void validToken_isAccepted() throws Exception {
    assertThat(status(token(key, c -> {}))).isEqualTo(200);
  }

  @Test
  void expiredToken_isRefused() throws Exception {
    String expired =
        token(
            key,
            c ->
                c.issueTime(Date.from(Instant.now().minusSeconds(3600)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(1800))));
    assertThat(status(expired)).isEqualTo(401);
  }

  @Test
  void tokenFromAnotherIssuer_isRefused() throws Exception {
    assertThat(status(token(key, c -> c.issuer("http://localhost:1/realms/other")))).isEqualTo(401);
  }

  @Test
  void tokenForAnotherAudience_isRefused() throws Exception {
    assertThat(status(token(key, c -> c.audience("some-other-client")))).isEqualTo(401);
  }

  @Test
  void tokenSignedWithAnotherKey_isRefused() throws Exception {
    assertThat(status(token(otherKey, c -> {}))).isEqualTo(401);
  }

  @Test
  void tamperedToken_isRefused() throws Exception {
    String[] parts = token(key, c -> {}).split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(claims).contains("\"dpo\"");
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims.replace("\"dpo\"", "\"auditor\"").getBytes(StandardCharsets.UTF_8));
    assertThat(status(parts[0] + "." + forged + "." + parts[2])).isEqualTo(401);
  }

  @Test
  void missingToken_isRefused() throws Exception {
    assertThat(status(null)).isEqualTo(401);
  }
}
