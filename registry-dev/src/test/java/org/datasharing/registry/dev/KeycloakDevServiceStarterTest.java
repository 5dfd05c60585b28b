package org.datasharing.registry.dev;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** When the run command starts Keycloak, and when it leaves an external issuer alone. */
class KeycloakDevServiceStarterTest {

  @Test
  void issuerArgument_isAnExternalIssuer_andStartsNothing() {
    String[] args = {
      "--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.example/realms/registry"
    };

    assertThat(
            KeycloakDevServiceStarter.externalIssuer(KeycloakDevServiceStarter.environment(args)))
        .isEqualTo("https://idp.example/realms/registry");
    assertThat(KeycloakDevServiceStarter.startIfNeeded(new SpringApplication(Object.class), args))
        .containsExactly(args);
  }

  @Test
  void jwkSetUri_alsoCountsAsExternal() {
    String[] args = {"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://idp/certs"};

    assertThat(
            KeycloakDevServiceStarter.externalIssuer(KeycloakDevServiceStarter.environment(args)))
        .isEqualTo("http://idp/certs");
  }

  @Test
  void noIssuer_meansTheDevServiceIsNeeded_unlessSwitchedOff() {
    assertThat(
            KeycloakDevServiceStarter.externalIssuer(
                KeycloakDevServiceStarter.environment(new String[0])))
        .isNull();
    assertThat(
            KeycloakDevServiceStarter.enabled(KeycloakDevServiceStarter.environment(new String[0])))
        .isTrue();
    String[] off = {"--registry.keycloak.dev-service=false"};
    assertThat(KeycloakDevServiceStarter.enabled(KeycloakDevServiceStarter.environment(off)))
        .isFalse();
    assertThat(KeycloakDevServiceStarter.startIfNeeded(new SpringApplication(Object.class), off))
        .containsExactly(off);
  }

  @Test
  void devSecrets_areTheSampleRealms_unlessConfigured() {
    assertThat(
            KeycloakDevServiceStarter.devSecrets(
                KeycloakDevServiceStarter.environment(new String[0])))
        .containsExactly(
            "--spring.security.oauth2.client.registration.keycloak.client-secret="
                + KeycloakDevService.WEB_CLIENT_SECRET,
            "--registry.identity.client-secret=" + KeycloakDevService.ADMIN_API_CLIENT_SECRET);
    String[] configured = {
      "--spring.security.oauth2.client.registration.keycloak.client-secret=from-vault",
      "--REGISTRY_IDENTITY_CLIENT_SECRET=from-env"
    };
    assertThat(
            KeycloakDevServiceStarter.devSecrets(KeycloakDevServiceStarter.environment(configured)))
        .isEmpty();
  }
}
