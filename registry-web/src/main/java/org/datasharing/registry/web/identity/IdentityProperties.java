package org.datasharing.registry.web.identity;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the registry reaches Keycloak's admin API for onboarding: as the service account of a
 * confidential client (client credentials). {@code serverUrl} and {@code realm} default to those of
 * the JWT issuer ({@code http://host/realms/registry}); {@code clientSecret} comes from
 * configuration ({@code REGISTRY_IDENTITY_CLIENT_SECRET}). Short timeouts keep an admin request
 * from hanging on a Keycloak that does not answer: the registry then records a pending operation.
 */
@ConfigurationProperties("registry.identity")
public record IdentityProperties(
    @DefaultValue("") String serverUrl,
    @DefaultValue("") String realm,
    @DefaultValue("registry-admin-api") String clientId,
    @DefaultValue("") String clientSecret,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout) {

  private static final Pattern ISSUER = Pattern.compile("^(https?://.+?)/realms/([^/]+)/?$");

  /** The settings in effect, or why there are none. */
  record Resolved(
      String serverUrl,
      String realm,
      String clientId,
      String clientSecret,
      Duration connectTimeout,
      Duration readTimeout,
      Optional<String> missing) {}

  /** Fills the blanks: server and realm from the issuer. The secret has no default. */
  Resolved resolve(String issuer) {
    Matcher m = issuer == null ? null : ISSUER.matcher(issuer.strip());
    boolean fromIssuer = m != null && m.matches();
    String server = !serverUrl.isBlank() ? strip(serverUrl) : fromIssuer ? m.group(1) : "";
    String realmName = !realm.isBlank() ? realm : fromIssuer ? m.group(2) : "registry";
    String secret = clientSecret;
    Optional<String> missing = Optional.empty();
    if (server.isBlank()) {
      missing =
          Optional.of(
              "Keycloak's admin API is not configured: set registry.identity.server-url (or the"
                  + " issuer-uri it is derived from)");
    } else if (secret.isBlank()) {
      missing =
          Optional.of(
              "Keycloak's admin API is not configured: set REGISTRY_IDENTITY_CLIENT_SECRET"
                  + " (registry.identity.client-secret) to the secret of the "
                  + clientId
                  + " client");
    }
    return new Resolved(server, realmName, clientId, secret, connectTimeout, readTimeout, missing);
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
