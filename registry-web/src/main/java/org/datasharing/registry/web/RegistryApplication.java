package org.datasharing.registry.web;

import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The registry's Spring Boot application, as the jar and the Docker image run it: against the
 * Keycloak and mail server its configuration names, never a dev service. The README's run command
 * starts it through {@code org.datasharing.registry.dev.DevRegistryApplication} (module
 * registry-dev, not in the jar), which first starts a local Keycloak and mail server.
 */
@SpringBootApplication
public class RegistryApplication {
  static final String ISSUER_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
  static final String JWK_SET_PROPERTY = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

  /** The compose stack's short name for the issuer (the dev module's starter reads it too). */
  static final String REGISTRY_ISSUER_ENV = "REGISTRY_ISSUER_URI";

  public static void main(String[] args) {
    SpringApplication.run(RegistryApplication.class, withIssuer(args));
  }

  /** The arguments, with {@value #REGISTRY_ISSUER_ENV} as the issuer when none is configured. */
  static String[] withIssuer(String[] args) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
    String issuer = env.getProperty(REGISTRY_ISSUER_ENV, "");
    if (issuer.isBlank()
        || !env.getProperty(ISSUER_PROPERTY, "").isBlank()
        || !env.getProperty(JWK_SET_PROPERTY, "").isBlank()) {
      return args;
    }
    return Stream.concat(Arrays.stream(args), Stream.of("--" + ISSUER_PROPERTY + "=" + issuer))
        .toArray(String[]::new);
  }
}
