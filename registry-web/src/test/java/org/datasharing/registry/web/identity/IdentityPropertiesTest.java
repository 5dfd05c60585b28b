package org.datasharing.registry.web.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdentityPropertiesTest {
  static IdentityProperties props(String serverUrl, String realm, String secret) {
    return new IdentityProperties(
        serverUrl,
        realm,
        "registry-admin-api",
        secret,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  @Test
  void serverAndRealm_comeFromTheIssuer_unlessConfigured() {
    var fromIssuer = props("", "", "s").resolve("http://keycloak:8180/realms/registry");
    var configured =
        props("https://sso.example/", "other", "s").resolve("http://keycloak:8180/realms/registry");

    assertThat(fromIssuer.serverUrl()).isEqualTo("http://keycloak:8180");
    assertThat(fromIssuer.realm()).isEqualTo("registry");
    assertThat(fromIssuer.missing()).isEmpty();
    assertThat(configured.serverUrl()).isEqualTo("https://sso.example");
    assertThat(configured.realm()).isEqualTo("other");
  }

  @Test
  void theSecret_hasNoDefault_evenForALocalKeycloak() {
    var local = props("", "", "").resolve("http://localhost:8180/realms/registry");
    var configured = props("", "", "from-env").resolve("http://localhost:8180/realms/registry");

    assertThat(local.clientSecret()).isEmpty();
    assertThat(local.missing()).get().asString().contains("REGISTRY_IDENTITY_CLIENT_SECRET");
    assertThat(configured.clientSecret()).isEqualTo("from-env");
    assertThat(configured.missing()).isEmpty();
  }

  @Test
  void nothingIsConfigured_withoutAnIssuerOrServerUrl() {
    var none = props("", "", "s").resolve(null);

    assertThat(none.missing()).get().asString().contains("registry.identity.server-url");
  }
}
