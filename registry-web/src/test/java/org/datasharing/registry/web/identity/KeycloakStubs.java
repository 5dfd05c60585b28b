package org.datasharing.registry.web.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;

/** Keycloak's admin REST API, as far as the directory uses it, stubbed by WireMock. */
final class KeycloakStubs implements AutoCloseable {
  static final String ADMIN = "/admin/realms/registry";
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  KeycloakStubs() {
    server.start();
    server.stubFor(
        post(urlPathEqualTo("/realms/registry/protocol/openid-connect/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\"service-account-token\",\"expires_in\":300,"
                        + "\"refresh_expires_in\":0,\"token_type\":\"Bearer\"}")));
  }

  String url() {
    return server.baseUrl();
  }

  /** A directory on the stubs, with short timeouts. */
  KeycloakIdentityDirectory directory() {
    IdentityProperties props =
        new IdentityProperties(url(), "registry", "registry-admin-api", "secret", TIMEOUT, TIMEOUT);
    return KeycloakIdentityDirectory.connect(props.resolve(null));
  }

  /** The organisations list answers these organisations (JSON objects). */
  void organisations(String... json) {
    server.stubFor(
        get(urlPathEqualTo(ADMIN + "/organizations"))
            .willReturn(okJson("[" + String.join(",", json) + "]")));
  }

  static String organisation(String id, String alias, String name, String domain) {
    return "{\"id\":\""
        + id
        + "\",\"alias\":\""
        + alias
        + "\",\"name\":\""
        + name
        + "\",\"enabled\":true,\"domains\":[{\"name\":\""
        + domain
        + "\",\"verified\":false}]}";
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorMessage\":\"" + message + "\"}");
  }

  @Override
  public void close() {
    server.stop();
  }
}
