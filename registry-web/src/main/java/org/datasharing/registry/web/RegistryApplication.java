package org.datasharing.registry.web;

import org.datasharing.registry.web.devservices.KeycloakDevServiceStarter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The registry's Spring Boot application. Without an external issuer, {@link #main} first starts a
 * local Keycloak (see {@link KeycloakDevServiceStarter}).
 */
@SpringBootApplication
public class RegistryApplication {
  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(RegistryApplication.class);
    application.run(KeycloakDevServiceStarter.startIfNeeded(application, args));
  }
}
