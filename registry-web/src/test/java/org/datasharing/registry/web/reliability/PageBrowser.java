package org.datasharing.registry.web.reliability;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a browser does for the page sessions, over plain HTTP: one cookie jar (cookies for {@code
 * localhost} go to every port, as they would to one address behind a load balancer) and redirects
 * followed by hand, so a test can send each step to the instance it chooses.
 */
final class PageBrowser {
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
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
   * Signs {@code user} in through the registry at {@code base} (the authorization request, the
   * issuer's answer, the callback); returns the callback's answer (a redirect when signed in).
   */
  HttpResponse<String> signIn(String base, TestIssuer issuer, TestIssuer.User user)
      throws IOException, InterruptedException {
    HttpResponse<String> toIssuer = get(base + "/oauth2/authorization/keycloak");
    String authorization = toIssuer.headers().firstValue("Location").orElseThrow();
    if (!authorization.startsWith(issuer.issuer())) {
      throw new IllegalStateException(
          "expected a redirect to the issuer, got " + toIssuer.statusCode() + " " + authorization);
    }
    return get(issuer.authorize(authorization, user));
  }

  /** The session cookie's value, or null. */
  String sessionCookie() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("JSESSIONID"))
        .map(java.net.HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }
}
