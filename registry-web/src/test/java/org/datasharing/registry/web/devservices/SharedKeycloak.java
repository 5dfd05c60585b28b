package org.datasharing.registry.web.devservices;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.datasharing.registry.dev.KeycloakDevService;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Keycloak dev service per test JVM (on a free port), started by the first test that needs it
 * and stopped by its JVM shutdown hook; plus password-grant tokens for the sample users.
 *
 * <pre>{@code
 * SharedKeycloak.register(registry);
 * String bearer = "Bearer " + SharedKeycloak.token("dpo.council");
 * }</pre>
 */
public final class SharedKeycloak {

  /** The sample users' password (docker/keycloak/realm-registry.json). */
  public static final String PASSWORD = "demo";

  public static final String CLIENT_ID = "registry-cli";

  private static final Duration TOKEN_CACHE = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();

  private static KeycloakDevService keycloak;

  private record CachedToken(String accessToken, long expiresAtNanos) {}

  private SharedKeycloak() {}

  /** The JVM's Keycloak, started on first use (up to ~1 min after a clean build, else ~20 s). */
  public static synchronized KeycloakDevService get() {
    if (keycloak == null) {
      keycloak = KeycloakDevService.start(0);
    }
    return keycloak;
  }

  /**
   * Points the registry at this Keycloak: the issuer, and the sample realm's client secret for the
   * pages' sign-in (the registry has no default secret).
   */
  public static void register(org.springframework.test.context.DynamicPropertyRegistry r) {
    r.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", SharedKeycloak::issuerUri);
    r.add(
        "spring.security.oauth2.client.registration.keycloak.client-secret",
        () -> KeycloakDevService.WEB_CLIENT_SECRET);
  }

  /** {@link #register}, and the admin API's client secret, for onboarding through Keycloak. */
  public static void registerWithAdminApi(
      org.springframework.test.context.DynamicPropertyRegistry r) {
    register(r);
    r.add("registry.identity.client-secret", () -> KeycloakDevService.ADMIN_API_CLIENT_SECRET);
  }

  /** e.g. {@code http://localhost:41234/realms/registry}. */
  public static String issuerUri() {
    return get().issuerUri();
  }

  /** An access token of a sample user (password {@value #PASSWORD}), cached for 60 s per user. */
  public static String token(String username) {
    CachedToken cached = TOKENS.get(username);
    if (cached != null && System.nanoTime() < cached.expiresAtNanos()) {
      return cached.accessToken();
    }
    HttpResponse<String> response = passwordGrant(username, PASSWORD);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "No token for " + username + ": " + response.statusCode() + " " + response.body());
    }
    String accessToken =
        JsonMapper.builder().build().readTree(response.body()).path("access_token").asString();
    TOKENS.put(username, new CachedToken(accessToken, System.nanoTime() + TOKEN_CACHE.toNanos()));
    return accessToken;
  }

  /** The raw {@code registry-cli} password-grant response (for tests of refusals). */
  public static HttpResponse<String> passwordGrant(String username, String password) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", CLIENT_ID);
    form.put("username", username);
    form.put("password", password);
    form.put("scope", "openid organization");
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(get().tokenUri()))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Token request for " + username + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
