package org.datasharing.registry.web.pages;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.datasharing.registry.dev.KeycloakDevService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lets the {@code registry-web} client of a test Keycloak redirect to a registry on a random port:
 * the realm file allows only {@code http://localhost:8080/*}. Adds the origin to the client's
 * redirect URIs (post-logout redirects follow them: the realm sets them to "+") through Keycloak's
 * admin REST API, as the dev service's bootstrap administrator.
 */
public final class KeycloakRedirects {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KeycloakRedirects() {}

  public static void allow(KeycloakDevService keycloak, String origin) throws Exception {
    String token = adminToken(keycloak);
    String clients = keycloak.baseUrl() + "/admin/realms/" + KeycloakDevService.REALM + "/clients";
    JsonNode found = JSON.readTree(send(get(clients + "?clientId=registry-web", token)));
    ObjectNode client = (ObjectNode) found.get(0);
    ArrayNode redirects = (ArrayNode) client.get("redirectUris");
    String pattern = origin + "/*";
    for (JsonNode r : redirects) {
      if (r.asString().equals(pattern)) {
        return;
      }
    }
    redirects.add(pattern);
    ObjectNode attributes = (ObjectNode) client.get("attributes");
    String logout = attributes.path("post.logout.redirect.uris").asString("");
    if (!logout.equals("+")) {
      attributes.put(
          "post.logout.redirect.uris", logout.isEmpty() ? pattern : logout + "##" + pattern);
    }
    HttpRequest put =
        HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id").asString()))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client)))
            .build();
    send(put);
  }

  private static String adminToken(KeycloakDevService keycloak) throws Exception {
    String form =
        "grant_type=password&client_id=admin-cli&username="
            + URLEncoder.encode(KeycloakDevService.ADMIN_USERNAME, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(KeycloakDevService.ADMIN_PASSWORD, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return JSON.readTree(send(request)).path("access_token").asString();
  }

  private static HttpRequest get(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  private static String send(HttpRequest request) throws Exception {
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          request.method() + " " + request.uri() + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }
}
