package org.datasharing.registry.web.reliability;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datasharing.registry.web.devservices.SharedKeycloak;

/**
 * What a browser does for the page sessions, over plain HTTP: one cookie jar (cookies for {@code
 * localhost} go to every port, as they would to one address behind a load balancer) and redirects
 * followed by hand, so a test can send each step to the instance it chooses. Signing in goes
 * through the real Keycloak's login page.
 */
final class PageBrowser {
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new LocalhostSecureCookies(cookies))
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Accept", "text/html")
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Signs {@code username} (password {@value SharedKeycloak#PASSWORD}) in through the registry at
   * {@code base}: its authorization request, Keycloak's login page and form (skipped when this
   * browser already has a Keycloak session), then the registry's callback; returns the callback's
   * answer (a redirect when signed in).
   */
  HttpResponse<String> signIn(String base, String username)
      throws IOException, InterruptedException {
    HttpResponse<String> toKeycloak = get(base + "/oauth2/authorization/keycloak");
    String authorization = location(toKeycloak);
    if (!authorization.startsWith(SharedKeycloak.issuerUri())) {
      throw new IllegalStateException(
          "expected a redirect to Keycloak, got " + toKeycloak.statusCode() + " " + authorization);
    }
    HttpResponse<String> loginPage = get(authorization);
    HttpResponse<String> toRegistry = loginPage;
    if (loginPage.statusCode() == 200) {
      Matcher action = FORM_ACTION.matcher(loginPage.body());
      if (!action.find()) {
        throw new IllegalStateException("no login form on Keycloak's page: " + loginPage.body());
      }
      String form =
          "username="
              + URLEncoder.encode(username, StandardCharsets.UTF_8)
              + "&password="
              + URLEncoder.encode(SharedKeycloak.PASSWORD, StandardCharsets.UTF_8)
              + "&credentialId=";
      toRegistry =
          http.send(
              HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                  .header("Accept", "text/html")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }
    String callback = location(toRegistry);
    if (!callback.startsWith(base)) {
      throw new IllegalStateException(
          "Keycloak did not send "
              + username
              + " back to the registry: "
              + toRegistry.statusCode()
              + " "
              + callback
              + " "
              + toRegistry.body());
    }
    return get(callback);
  }

  private static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse("");
  }

  /** The session cookie's value, or null. */
  String sessionCookie() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("JSESSIONID"))
        .map(java.net.HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /**
   * Keycloak marks its cookies Secure (they are {@code SameSite=None}) even on {@code
   * http://localhost}, which browsers treat as a secure context; {@link CookieManager} sends Secure
   * cookies over https only. This jar sends them to localhost over http too, as a browser would.
   */
  private static final class LocalhostSecureCookies extends CookieHandler {
    private final CookieManager jar;

    LocalhostSecureCookies(CookieManager jar) {
      this.jar = jar;
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers)
        throws IOException {
      URI asSecure = uri;
      if ("http".equalsIgnoreCase(uri.getScheme()) && "localhost".equalsIgnoreCase(uri.getHost())) {
        try {
          asSecure =
              new URI(
                  "https",
                  uri.getUserInfo(),
                  uri.getHost(),
                  uri.getPort(),
                  uri.getPath(),
                  uri.getQuery(),
                  uri.getFragment());
        } catch (URISyntaxException e) {
          throw new IOException(e);
        }
      }
      return jar.get(asSecure, headers);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> headers) throws IOException {
      jar.put(uri, headers);
    }
  }
}
