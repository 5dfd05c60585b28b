package org.datasharing.registry.web.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * An OIDC issuer stubbed by WireMock (discovery and JWKS) that signs real RS256 tokens for the
 * sample users: the registry validates them exactly as it validates Keycloak's, without the
 * Keycloak start-up (about 20 s) in a harness that restarts the registry many times. Tests that
 * sign in through pages, or run the registry once, use the real Keycloak ({@code SharedKeycloak}).
 */
final class TestIssuer implements AutoCloseable {
  private final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private final RSAKey key;

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

  String issuer() {
    return "http://localhost:" + server.port() + "/realms/registry";
  }

  /** A token valid for an hour, as Keycloak issues for the registry-web audience. */
  String token(SampleUser user) {
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
