package org.datasharing.registry.dev;

import java.util.Arrays;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Decides, before Spring starts, whether the run command needs the {@link KeycloakDevService}: it
 * starts Keycloak on port 8180 unless an external issuer is configured (property {@value
 * #ISSUER_PROPERTY}, its environment variable {@code
 * SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI}, {@code REGISTRY_ISSUER_URI}, or a {@code
 * jwk-set-uri}) or the dev service is switched off ({@code registry.keycloak.dev-service=false},
 * environment {@code REGISTRY_KEYCLOAK_DEV_SERVICE=false}). Keycloak stops when the application
 * context closes, when startup fails, or at the latest when the JVM exits. With the dev Keycloak
 * the registry is given the sample realm's published client secrets ({@link #devSecrets}).
 */
public final class KeycloakDevServiceStarter {

  public static final String ISSUER_PROPERTY =
      "spring.security.oauth2.resourceserver.jwt.issuer-uri";
  static final String JWK_SET_PROPERTY = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
  static final String REGISTRY_ISSUER_ENV = "REGISTRY_ISSUER_URI";
  public static final String ENABLED_PROPERTY = "registry.keycloak.dev-service";
  static final String ENABLED_ENV = "REGISTRY_KEYCLOAK_DEV_SERVICE";

  /** The issuer of the started (or reused) dev service, passed to the application. */
  public static final String ISSUER_OUT_PROPERTY = "registry.keycloak.dev-service.issuer";

  private static final Logger log = LoggerFactory.getLogger(KeycloakDevServiceStarter.class);

  private KeycloakDevServiceStarter() {}

  /**
   * Starts the dev service if needed and returns the application's arguments, extended with the
   * issuer when it started; registers the listeners that print the ready banner and stop Keycloak.
   */
  public static String[] startIfNeeded(SpringApplication application, String[] args) {
    ConfigurableEnvironment env = environment(args);
    String external = externalIssuer(env);
    if (external != null) {
      log.info("External issuer configured ({}): no Keycloak dev service is started", external);
      if (env.getProperty(ISSUER_PROPERTY) == null && env.getProperty(JWK_SET_PROPERTY) == null) {
        // only REGISTRY_ISSUER_URI (the compose variable) is set: it is the issuer
        return append(args, "--" + ISSUER_PROPERTY + "=" + external);
      }
      return args;
    }
    if (!enabled(env)) {
      log.info(
          "Keycloak dev service switched off ({}=false) and no issuer configured",
          ENABLED_PROPERTY);
      return args;
    }
    KeycloakDevService keycloak = KeycloakDevService.start(KeycloakDevService.DEFAULT_PORT);
    // the banner when the application is ready; Keycloak stops when it closes or fails
    application.addListeners(
        new DevServiceLifecycle(
            ready -> {
              String port =
                  ready.getProperty("local.server.port", ready.getProperty("server.port", "8080"));
              log.info(banner("http://localhost:" + port, keycloak));
            },
            keycloak::close));
    return append(
        append(
            args,
            "--" + ISSUER_PROPERTY + "=" + keycloak.issuerUri(),
            "--" + ISSUER_OUT_PROPERTY + "=" + keycloak.issuerUri()),
        devSecrets(env));
  }

  /** The client secret properties the sample realm's clients need. */
  public static final String WEB_CLIENT_SECRET_PROPERTY =
      "spring.security.oauth2.client.registration.keycloak.client-secret";

  public static final String ADMIN_API_SECRET_PROPERTY = "registry.identity.client-secret";

  /**
   * The sample realm's published client secrets, for the dev Keycloak only: the registry itself has
   * no default secret. A secret configured by property or environment is left alone.
   */
  static String[] devSecrets(Environment env) {
    Stream.Builder<String> out = Stream.builder();
    if (blank(env, WEB_CLIENT_SECRET_PROPERTY, "REGISTRY_WEB_CLIENT_SECRET")) {
      out.add("--" + WEB_CLIENT_SECRET_PROPERTY + "=" + KeycloakDevService.WEB_CLIENT_SECRET);
    }
    if (blank(env, ADMIN_API_SECRET_PROPERTY, "REGISTRY_IDENTITY_CLIENT_SECRET")) {
      out.add("--" + ADMIN_API_SECRET_PROPERTY + "=" + KeycloakDevService.ADMIN_API_CLIENT_SECRET);
    }
    return out.build().toArray(String[]::new);
  }

  private static boolean blank(Environment env, String property, String variable) {
    String value = env.getProperty(property, env.getProperty(variable, ""));
    return value.isBlank();
  }

  private static String[] append(String[] args, String... more) {
    return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
  }

  /**
   * System properties, environment (relaxed names) and command-line arguments, as Spring sees them.
   */
  static ConfigurableEnvironment environment(String[] args) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
    return env;
  }

  /** The configured external issuer (or key set), or null if none. */
  static String externalIssuer(Environment env) {
    for (String key : new String[] {ISSUER_PROPERTY, JWK_SET_PROPERTY, REGISTRY_ISSUER_ENV}) {
      String value = env.getProperty(key);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  static boolean enabled(Environment env) {
    String value = env.getProperty(ENABLED_PROPERTY, env.getProperty(ENABLED_ENV, "true"));
    return !"false".equalsIgnoreCase(value.trim());
  }

  /** The text logged once the registry is ready with a dev-service Keycloak. */
  static String banner(String registryUrl, KeycloakDevService keycloak) {
    String line = "=".repeat(100);
    return String.join(
        "\n",
        "",
        line,
        " Data Sharing Registry: " + registryUrl,
        " Keycloak (dev service, realm "
            + KeycloakDevService.REALM
            + "): "
            + keycloak.baseUrl()
            + (keycloak.started()
                ? "   admin console "
                    + keycloak.baseUrl()
                    + "/admin  user "
                    + KeycloakDevService.ADMIN_USERNAME
                    + " / password "
                    + KeycloakDevService.ADMIN_PASSWORD
                    + " (development only)"
                : "   (already running, reused)"),
        " Issuer: " + keycloak.issuerUri(),
        " Sample logins, password demo: admin (registry-admin); dpo.council, dpo.trust, dpo.icb (dpo);",
        "   partner.icb, partner.council (partner); auditor (auditor)",
        " API token for scripts (public client registry-cli, password grant):",
        "   TOKEN=$(curl -s -d grant_type=password -d client_id=registry-cli -d username=dpo.council"
            + " -d password=demo -d 'scope=openid organization' "
            + keycloak.tokenUri()
            + " | jq -r .access_token)",
        "   curl -H \"Authorization: Bearer $TOKEN\" " + registryUrl + "/api/agreements",
        line);
  }
}
