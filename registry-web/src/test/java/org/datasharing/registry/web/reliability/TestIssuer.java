package org.datasharing.registry.web.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

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
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An OIDC issuer stubbed by WireMock (discovery and JWKS) that signs real RS256 tokens for the
 * sample users: the registry validates them exactly as it validates Keycloak's, without the
 * Keycloak start-up (about 20 s) in a harness that restarts the registry many times. It also plays
 * Keycloak's part of a browser's sign-in ({@link #authorize}): the registry's own OIDC client runs
 * unchanged (authorization request kept in the page session, code exchanged, ID token checked).
 */
final class TestIssuer implements AutoCloseable {
  private final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private final RSAKey key;

  /** A sample user: username, realm role and organisation (empty for none). */
  record User(String username, String role, Optional<String> organisation) {}

  static final User PARTNER_ICB =
      new User("partner.icb", "partner", Optional.of("northshire-integrated-care-board"));
  static final User DPO_COUNCIL =
      new User("dpo.council", "dpo", Optional.of("northshire-county-council"));
  static final User DPO_TRUST =
      new User("dpo.trust", "dpo", Optional.of("northshire-nhs-foundation-trust"));
  static final User DPO_ICB =
      new User("dpo.icb", "dpo", Optional.of("northshire-integrated-care-board"));
  static final User ADMIN = new User("admin", "registry-admin", Optional.empty());
  static final User AUDITOR = new User("auditor", "auditor", Optional.empty());

  TestIssuer() {
    try {
      key = new RSAKeyGenerator(2048).keyID("crash-harness").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    server.start();
    String issuer = issuer();
    server.stubFor(
        get(urlEqualTo("/realms/registry/.well-known/openid-configuration"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        ("{\"issuer\":\"%1$s\",\"jwks_uri\":\"%1$s/protocol/openid-connect/certs\","
                                + "\"authorization_endpoint\":\"%1$s/protocol/openid-connect/auth\","
                                + "\"token_endpoint\":\"%1$s/protocol/openid-connect/token\","
                                + "\"subject_types_supported\":[\"public\"],"
                                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                                + "\"response_types_supported\":[\"code\"]}")
                            .formatted(issuer))));
    server.stubFor(
        get(urlEqualTo("/realms/registry/protocol/openid-connect/certs"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(new JWKSet(key.toPublicJWK()).toString())));
  }

  /** The WireMock server behind the issuer, for more of Keycloak's API on the same address. */
  WireMockServer server() {
    return server;
  }

  /**
   * Answers the registry's authorization redirect as Keycloak would once {@code user} has typed
   * their password: a fresh code, whose token request is stubbed to return an ID token carrying the
   * request's nonce and an access token of the user. Returns the registry's callback URL (the
   * {@code redirect_uri} with the code and the request's state).
   */
  String authorize(String authorizationUrl, User user) {
    Map<String, String> query = new java.util.HashMap<>();
    for (String pair : URI.create(authorizationUrl).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      query.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    String code = UUID.randomUUID().toString();
    String idToken =
        sign(
            new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("sub-" + user.username())
                .audience("registry-web")
                .claim("azp", "registry-web")
                .claim("nonce", query.get("nonce"))
                .claim("preferred_username", user.username())
                .claim("name", user.username())
                .issueTime(Date.from(Instant.now()))
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    server.stubFor(
        post(urlEqualTo("/realms/registry/protocol/openid-connect/token"))
            .withRequestBody(containing("code=" + code))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        ("{\"access_token\":\"%s\",\"id_token\":\"%s\",\"token_type\":\"Bearer\","
                                + "\"expires_in\":3600,\"scope\":\"openid profile email\"}")
                            .formatted(token(user), idToken))));
    return query.get("redirect_uri")
        + "?state="
        + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8)
        + "&code="
        + code;
  }

  String issuer() {
    return "http://localhost:" + server.port() + "/realms/registry";
  }

  /** A token valid for an hour, as Keycloak issues for the registry-web audience. */
  String token(User user) {
    try {
      JWTClaimsSet.Builder claims =
          new JWTClaimsSet.Builder()
              .issuer(issuer())
              .subject("sub-" + user.username())
              .audience(List.of("registry-web", "account"))
              .issueTime(Date.from(Instant.now()))
              .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
              .claim("preferred_username", user.username())
              .claim("name", user.username())
              .claim("realm_access", Map.of("roles", List.of(user.role())));
      user.organisation().ifPresent(o -> claims.claim("organization", List.of(o)));
      return sign(claims.build());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
