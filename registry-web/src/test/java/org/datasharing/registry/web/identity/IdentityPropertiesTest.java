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
    var fromIssuer = props("", "", "s").resolve("http://keycloak:8180/realms/registry", false);
    var configured =
        props("https://sso.example/", "other", "s")
            .resolve("http://keycloak:8180/realms/registry", false);

    assertThat(fromIssuer.serverUrl()).isEqualTo("http://keycloak:8180");
    assertThat(fromIssuer.realm()).isEqualTo("registry");
    assertThat(fromIssuer.missing()).isEmpty();
    assertThat(configured.serverUrl()).isEqualTo("https://sso.example");
    assertThat(configured.realm()).isEqualTo("other");
  }

  @Test
  void theDevSecret_isUsedOnlyWithTheKeycloakDevService() {
    var dev = props("", "", "").resolve("http://localhost:8180/realms/registry", true);
    var production = props("", "", "").resolve("https://sso.example/realms/registry", false);
    var configured =
        props("", "", "from-env").resolve("http://localhost:8180/realms/registry", true);

    assertThat(dev.clientSecret()).isEqualTo(IdentityProperties.DEV_CLIENT_SECRET);
    assertThat(production.clientSecret()).isEmpty();
    assertThat(production.missing()).get().asString().contains("REGISTRY_IDENTITY_CLIENT_SECRET");
    assertThat(configured.clientSecret()).isEqualTo("from-env");
  }

  @Test
  void nothingIsConfigured_withoutAnIssuerOrServerUrl() {
    var none = props("", "", "s").resolve(null, false);

    assertThat(none.missing()).get().asString().contains("registry.identity.server-url");
  }
}
