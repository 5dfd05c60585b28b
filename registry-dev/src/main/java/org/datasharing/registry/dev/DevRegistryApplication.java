package org.datasharing.registry.dev;

import org.springframework.boot.SpringApplication;

/**
 * The README's run command: starts a local Keycloak (see {@link KeycloakDevServiceStarter}) and,
 * without a mail server, a local one (see {@link MailDevServiceStarter}), then the registry. The
 * registry's own main class ({@value #REGISTRY_APPLICATION}, in registry-web) starts neither: the
 * dev services are not in its jar. It is named here rather than imported, because registry-web's
 * tests depend on this module.
 */
public final class DevRegistryApplication {
  static final String REGISTRY_APPLICATION = "org.datasharing.registry.web.RegistryApplication";

  private DevRegistryApplication() {}

  public static void main(String[] args) throws ClassNotFoundException {
    SpringApplication application = new SpringApplication(Class.forName(REGISTRY_APPLICATION));
    String[] withKeycloak = KeycloakDevServiceStarter.startIfNeeded(application, args);
    application.run(MailDevServiceStarter.startIfNeeded(application, withKeycloak));
  }
}
