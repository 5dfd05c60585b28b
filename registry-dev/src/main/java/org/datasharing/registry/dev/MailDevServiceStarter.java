package org.datasharing.registry.dev;

import jakarta.ws.rs.WebApplicationException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Decides, before Spring starts, whether the run command needs the {@link GreenMailDevService}: it
 * starts GreenMail on SMTP 3025 (messages on http://localhost:8025) unless a mail server is
 * configured ({@code spring.mail.host}) or the dev service is switched off ({@code
 * registry.mail.dev-service=false}, environment {@code REGISTRY_MAIL_DEV_SERVICE=false}), and
 * points the registry at it. When the Keycloak dev service runs too, its realm is given the same
 * SMTP server, so Keycloak's own e-mails (set a password, verify the address) arrive there as well.
 */
public final class MailDevServiceStarter {
  static final String HOST_PROPERTY = "spring.mail.host";
  static final String ENABLED_PROPERTY = "registry.mail.dev-service";
  static final String ENABLED_ENV = "REGISTRY_MAIL_DEV_SERVICE";
  static final String FROM = "registry@localhost";

  private static final Logger log = LoggerFactory.getLogger(MailDevServiceStarter.class);

  private MailDevServiceStarter() {}

  /** Starts the mail dev service if needed and returns the arguments, extended to use it. */
  public static String[] startIfNeeded(SpringApplication application, String[] args) {
    ConfigurableEnvironment env = KeycloakDevServiceStarter.environment(args);
    String host = env.getProperty(HOST_PROPERTY);
    if (host != null && !host.isBlank()) {
      log.info("Mail server configured ({}): no mail dev service is started", host);
      return args;
    }
    String enabled = env.getProperty(ENABLED_PROPERTY, env.getProperty(ENABLED_ENV, "true"));
    if ("false".equalsIgnoreCase(enabled.trim())) {
      log.info(
          "Mail dev service switched off ({}=false): notifications wait in the outbox",
          ENABLED_PROPERTY);
      return args;
    }
    java.nio.file.Path jar = GreenMailDevService.jar();
    if (!java.nio.file.Files.isRegularFile(jar)) {
      // e.g. the packaged jar in a container: no dev tooling there, and no reason to fail
      log.info(
          "No mail server configured (spring.mail.host) and no GreenMail jar at {}: notifications"
              + " wait in the outbox",
          jar.toAbsolutePath());
      return args;
    }
    GreenMailDevService mail =
        GreenMailDevService.start(jar, GreenMailDevService.SMTP_PORT, GreenMailDevService.API_PORT);
    // where to read messages when the application is ready; GreenMail stops when it closes or fails
    application.addListeners(
        new DevServiceLifecycle(
            ready -> log.info(banner(mail, mail.smtpPort(), mail.webUrl())), mail::close));
    String issuer = env.getProperty(KeycloakDevServiceStarter.ISSUER_OUT_PROPERTY);
    if (issuer != null) {
      useForKeycloak(issuer, mail.smtpPort());
    }
    return Stream.concat(
            Arrays.stream(args),
            Stream.of("--" + HOST_PROPERTY + "=localhost", "--spring.mail.port=" + mail.smtpPort()))
        .toArray(String[]::new);
  }

  /** Gives the dev Keycloak's realm the dev SMTP server (its master admin, development only). */
  static void useForKeycloak(String issuer, int smtpPort) {
    String base = issuer.substring(0, issuer.indexOf("/realms/"));
    try (Keycloak admin =
        KeycloakBuilder.builder()
            .serverUrl(base)
            .realm("master")
            .clientId("admin-cli")
            .username(KeycloakDevService.ADMIN_USERNAME)
            .password(KeycloakDevService.ADMIN_PASSWORD)
            .build()) {
      RealmResource realm = admin.realm(KeycloakDevService.REALM);
      RealmRepresentation rep = realm.toRepresentation();
      Map<String, String> smtp = new HashMap<>();
      smtp.put("host", "localhost");
      smtp.put("port", Integer.toString(smtpPort));
      smtp.put("from", FROM);
      smtp.put("fromDisplayName", "Data Sharing Registry (development)");
      rep.setSmtpServer(smtp);
      realm.update(rep);
      log.info(
          "Keycloak realm {} sends its e-mail to the mail dev service", KeycloakDevService.REALM);
    } catch (WebApplicationException | IllegalStateException e) {
      // Keycloak's e-mails are a convenience here: the registry works without them
      log.warn("Could not give Keycloak's realm the dev SMTP server: {}", e.toString());
    }
  }

  /** The text logged once the registry is ready: where the mail goes and where to read it. */
  static String banner(GreenMailDevService mail, int smtpPort, String webUrl) {
    return String.join(
        "\n",
        "",
        " Mail (dev service, GreenMail"
            + (mail == null || mail.started() ? "" : ", already running, reused")
            + "): SMTP localhost:"
            + smtpPort
            + "; every message the registry and Keycloak send is readable at "
            + webUrl,
        "   e.g. curl " + webUrl + "/api/user/priya.raman@northshire-cc.example/messages/");
  }
}
