package org.datasharing.registry.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.datasharing.registry.web.pages.KeycloakRedirects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page sessions shared through Redis ({@code registry.sessions.store=redis}): two registries as
 * separate processes on one real {@code redis-server}, a browser's sign-in through the registry's
 * own OIDC client and the real Keycloak's login page ({@link SharedKeycloak}, the sample realm). A
 * session made through instance A is signed in on instance B; with Redis down the signed-in pages
 * answer a clear 503 page while the bearer-token API keeps working; when Redis is back the pages
 * answer again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedSessionsIntegrationTest {
  private static final String ACCOUNT_PAGE = "/account/notifications";

  @TempDir static Path dir;
  static RedisServer redis;
  static ChildRegistry a;
  static ChildRegistry b;
  static final PageBrowser browser = new PageBrowser();

  @BeforeAll
  static void start() throws Exception {
    SharedKeycloak.get();
    redis = new RedisServer(dir.resolve("redis.log")).start();
    a = instance("a");
    b = instance("b");
    CompletableFuture<Long> startA = CompletableFuture.supplyAsync(() -> started(a));
    CompletableFuture<Long> startB = CompletableFuture.supplyAsync(() -> started(b));
    CompletableFuture.allOf(startA, startB).join();
    for (ChildRegistry child : List.of(a, b)) {
      KeycloakRedirects.allow(SharedKeycloak.get(), child.base());
    }
  }

  private static ChildRegistry instance(String name) {
    return new ChildRegistry(
        dir.resolve(name + "-tdb2"),
        dir.resolve(name + ".log"),
        SharedKeycloak.issuerUri(),
        List.of(
            ChildRegistry.SAMPLE_REALM_WEB_CLIENT_SECRET,
            "--registry.sessions.store=redis",
            "--spring.data.redis.host=127.0.0.1",
            "--spring.data.redis.port=" + redis.port()));
  }

  private static long started(ChildRegistry child) {
    try {
      return child.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (ChildRegistry child : new ChildRegistry[] {a, b}) {
      if (child != null) {
        child.stop();
      }
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @Order(1)
  void sessionMadeThroughA_isSignedIn_onB() throws Exception {
    // signed out, the page asks for sign-in on either instance
    assertThat(new PageBrowser().get(b.base() + ACCOUNT_PAGE).statusCode()).isEqualTo(302);

    HttpResponse<String> callback = browser.signIn(a.base(), "dpo.council");
    assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
    assertThat(callback.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    assertThat(redis.keys()).as("the session is kept in Redis").isPositive();

    HttpResponse<String> onB = browser.get(b.base() + ACCOUNT_PAGE);
    assertThat(onB.statusCode()).isEqualTo(200);
    assertThat(onB.body()).contains("dpo.council");
    HttpResponse<String> onA = browser.get(a.base() + ACCOUNT_PAGE);
    assertThat(onA.statusCode()).isEqualTo(200);
    assertThat(onA.body()).contains("dpo.council");
  }

  @Test
  @Order(2)
  void redisDown_signedInPagesAnswerAClearPage_andTheApiKeepsWorking() throws Exception {
    redis.stop();

    HttpResponse<String> page = browser.get(b.base() + ACCOUNT_PAGE);
    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(page.body())
        .contains("Sorry, signing in is not working at the moment")
        .doesNotContain("Exception", "at org.", "Whitelabel");

    // a fresh sign-in cannot keep its authorization request either: the same page, not a 500
    HttpResponse<String> signIn =
        new PageBrowser().get(a.base() + "/oauth2/authorization/keycloak");
    assertThat(signIn.statusCode()).isEqualTo(503);
    assertThat(signIn.body()).contains("Sorry, signing in is not working at the moment");

    // the bearer-token API keeps no session: it works on both instances
    for (ChildRegistry child : new ChildRegistry[] {a, b}) {
      HttpResponse<String> api =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(child.base() + "/api/agreements"))
                      .header("Authorization", "Bearer " + SharedKeycloak.token("dpo.council"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
    }
    // and a visitor without a session still reads the public register
    assertThat(new PageBrowser().get(b.base() + "/register").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void redisBack_pagesAnswerAgain() throws Exception {
    redis.start();
    // the sessions were in Redis's memory only: the page asks to sign in again, then works
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = 503;
    while (status == 503 && System.nanoTime() < deadline) {
      status = browser.get(b.base() + ACCOUNT_PAGE).statusCode();
      if (status == 503) {
        Thread.sleep(500);
      }
    }
    assertThat(status).isEqualTo(302);
    HttpResponse<String> callback = browser.signIn(b.base(), "dpo.council");
    assertThat(callback.statusCode()).isEqualTo(302);
    assertThat(browser.get(a.base() + ACCOUNT_PAGE).statusCode()).isEqualTo(200);
  }
}
