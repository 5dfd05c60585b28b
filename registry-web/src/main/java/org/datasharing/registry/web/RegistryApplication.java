package org.datasharing.registry.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The registry's Spring Boot application, as the jar and the Docker image run it: against the
 * Keycloak and mail server its configuration names. The README's run command starts it through
 * {@code org.datasharing.registry.dev.DevRegistryApplication} (module registry-dev), which first
 * starts a local Keycloak and mail server.
 */
@SpringBootApplication
public class RegistryApplication {
  public static void main(String[] args) {
    SpringApplication.run(RegistryApplication.class, args);
  }
}
