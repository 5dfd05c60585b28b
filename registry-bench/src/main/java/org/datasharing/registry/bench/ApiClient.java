package org.datasharing.registry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's API as the HTTP load calls it: tokens from the password grant of the {@code
 * registry-cli} client, and JSON requests with a bearer token, spread over the registry instances
 * one after the other (a round robin).
 */
final class ApiClient {
  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient http;
  private final String issuer;

  /** The registry instances the load goes to. */
  private final List<String> registries = new ArrayList<>();

  private final AtomicLong nextInstance = new AtomicLong();

  ApiClient(HttpClient http, String issuer) {
    this.http = http;
    this.issuer = issuer;
  }

  /** One more instance to take requests in turn. */
  void addInstance(String url) {
    registries.add(url);
  }

  /** No instance takes requests until one is added. */
  void clearInstances() {
    registries.clear();
  }

  int instances() {
    return registries.size();
  }

  /** An access token of the sample user (password {@code demo}). */
  String token(String user) throws Exception {
    String form =
        "grant_type=password&client_id=registry-cli&username="
            + user
            + "&password=demo&scope="
            + URLEncoder.encode("openid organization", StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = ACCESS_TOKEN.matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("no token for " + user + ": " + r.statusCode());
    }
    return m.group(1);
  }

  /** {@code method path} with the token and a JSON body (none when {@code json} is null). */
  HttpResponse<String> send(String token, String method, String path, String json) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(nextRegistry() + path))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  json == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The instances in turn, as a round-robin load balancer would. */
  private String nextRegistry() {
    return registries.get((int) (nextInstance.getAndIncrement() % registries.size()));
  }

  static HttpResponse<String> expect(int status, HttpResponse<String> r) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          r.request().method() + " " + r.uri() + ": " + r.statusCode() + " " + r.body());
    }
    return r;
  }
}
