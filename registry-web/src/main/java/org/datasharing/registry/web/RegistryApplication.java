package org.datasharing.registry.web;

import org.datasharing.registry.web.devservices.KeycloakDevServiceStarter;
import org.datasharing.registry.web.devservices.MailDevServiceStarter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The registry's Spring Boot application. Without an external issuer, {@link #main} first starts a
 * local Keycloak (see {@link KeycloakDevServiceStarter}) and, without a mail server, a local one
 * (see {@link MailDevServiceStarter}).
 */
@SpringBootApplication
public class RegistryApplication {
  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(RegistryApplication.class);
    String[] withKeycloak = KeycloakDevServiceStarter.startIfNeeded(application, args);
    application.run(MailDevServiceStarter.startIfNeeded(application, withKeycloak));
  }
}
