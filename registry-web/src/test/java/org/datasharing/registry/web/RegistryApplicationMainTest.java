package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The jar's main starts no dev service; it only reads the compose stack's REGISTRY_ISSUER_URI. */
class RegistryApplicationMainTest {

  @Test
  void registryIssuerUri_becomesTheIssuer_whenNoneIsConfigured() {
    String[] args = {"--REGISTRY_ISSUER_URI=http://keycloak:8080/realms/registry"};
    assertThat(RegistryApplication.withIssuer(args))
        .containsExactly(
            args[0],
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri="
                + "http://keycloak:8080/realms/registry");
  }

  @Test
  void aConfiguredIssuerOrKeySet_winsOverRegistryIssuerUri() {
    String[] issuer = {
      "--REGISTRY_ISSUER_URI=http://a/realms/registry",
      "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://b/realms/registry"
    };
    String[] keySet = {
      "--REGISTRY_ISSUER_URI=http://a/realms/registry",
      "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://b/certs"
    };
    assertThat(RegistryApplication.withIssuer(issuer)).containsExactly(issuer);
    assertThat(RegistryApplication.withIssuer(keySet)).containsExactly(keySet);
    assertThat(RegistryApplication.withIssuer(new String[0])).isEmpty();
  }
}
