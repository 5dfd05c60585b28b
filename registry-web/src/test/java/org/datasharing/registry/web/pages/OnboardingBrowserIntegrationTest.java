package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datasharing.registry.dev.KeycloakDevService;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Onboarding ends in a working sign-in: the registry administrator onboards an organisation and its
 * DPO; Keycloak (its realm given a real GreenMail as SMTP server, as the run command gives it the
 * mail dev service) e-mails the DPO its own set-password invitation; the DPO follows the link in a
 * real browser, sets a password on Keycloak's page, and signs in to the registry with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OnboardingBrowserIntegrationTest extends BrowserTestSupport {
  static final String ORG = "northshire-fire-control";
  static final String USERNAME = "dpo.firecontrol";
  static final String EMAIL = "jo.hart@northshire-fire-control.example";
  static final String NEW_PASSWORD = "Invited-DPO-2026";

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    // the page client's and the admin API's secrets of the sample realm (no defaults in the app)
    SharedKeycloak.registerWithAdminApi(r);
  }

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  record Answer(int status, JsonNode body) {}

  Answer call(String path, Object body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + SharedKeycloak.token("admin"))
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body().isBlank() ? null : json.readTree(r.body()));
  }

  /** The dev service's bootstrap administrator (development only), for the realm's settings. */
  static Keycloak master() {
    return KeycloakBuilder.builder()
        .serverUrl(SharedKeycloak.get().baseUrl())
        .realm("master")
        .clientId("admin-cli")
        .username(KeycloakDevService.ADMIN_USERNAME)
        .password(KeycloakDevService.ADMIN_PASSWORD)
        .build();
  }

  /** Sets the realm's SMTP server; the one it had before. */
  static Map<String, String> realmSmtp(Map<String, String> smtp) {
    try (Keycloak kc = master()) {
      RealmResource realm = kc.realm(KeycloakDevService.REALM);
      RealmRepresentation rep = realm.toRepresentation();
      Map<String, String> before =
          rep.getSmtpServer() == null ? Map.of() : Map.copyOf(rep.getSmtpServer());
      rep.setSmtpServer(new HashMap<>(smtp));
      realm.update(rep);
      return before;
    }
  }

  /** Leaves the shared Keycloak as the realm file made it: no such organisation or user. */
  static void removeFromKeycloak() {
    try (Keycloak kc = master()) {
      RealmResource realm = kc.realm(KeycloakDevService.REALM);
      realm.organizations().search(null, false, 0, 1000, false).stream()
          .filter(o -> ORG.equals(o.getAlias()))
          .forEach(o -> realm.organizations().get(o.getId()).delete().close());
      realm
          .users()
          .searchByUsername(USERNAME, true)
          .forEach(u -> realm.users().delete(u.getId()).close());
    }
  }

  /** The plain-text part of a message. */
  static String text(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart parts = (Multipart) part.getContent();
      for (int i = 0; i < parts.getCount(); i++) {
        String t = text(parts.getBodyPart(i));
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }

  /** The link in Keycloak's invitation to this address, once it arrives. */
  static String invitationLink(String address) throws Exception {
    Pattern link = Pattern.compile("https?://\\S+/login-actions/action-token\\?\\S+");
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      for (MimeMessage m : greenMail.getReceivedMessages()) {
        if (m.getAllRecipients()[0].toString().equals(address)) {
          String body = text(m);
          Matcher found = link.matcher(body == null ? "" : body);
          assertThat(found.find()).as(body).isTrue();
          return found.group();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no invitation to " + address);
  }

  @Test
  void onboardedDpo_receivesKeycloaksInvitation_setsAPasswordOnItsPage_andSignsIn()
      throws Exception {
    Map<String, String> before =
        realmSmtp(
            Map.of(
                "host", "localhost",
                "port", Integer.toString(greenMail.getSmtp().getPort()),
                "from", "registry@localhost",
                "fromDisplayName", "Data Sharing Registry (test)"));
    try {
      Answer organisation =
          call(
              "/api/admin/organisations",
              Map.of(
                  "id", ORG,
                  "name", "Northshire Fire Control",
                  "type", "fire-and-rescue",
                  "sector", "fire",
                  "domain", "northshire-fire-control.example",
                  "dpoName", "Jo Hart",
                  "dpoEmail", EMAIL));
      assertThat(organisation.status()).as(String.valueOf(organisation.body())).isEqualTo(201);
      Answer member =
          call(
              "/api/admin/organisations/" + ORG + "/members",
              Map.of(
                  "username", USERNAME,
                  "email", EMAIL,
                  "firstName", "Jo",
                  "lastName", "Hart",
                  "role", "dpo"));
      assertThat(member.status()).as(String.valueOf(member.body())).isEqualTo(201);
      assertThat(member.body().get("emailSent").asBoolean()).as(member.body().toString()).isTrue();

      // the DPO follows the invitation's link: Keycloak's own pages, no registry token in it
      String link = invitationLink(EMAIL);
      assertThat(link).contains("/realms/" + KeycloakDevService.REALM + "/login-actions/");
      browser.open(link);
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!browser.present("#password-new")) {
        // Keycloak may first list the actions asked of the DPO, with a link to go on
        if (browser.present("a[href*='login-actions']")) {
          browser.click("a[href*='login-actions']");
        }
        assertThat(System.nanoTime()).as(browser.pageText()).isLessThan(until);
        Thread.sleep(300);
      }
      browser.type("password-new", NEW_PASSWORD);
      browser.type("password-confirm", NEW_PASSWORD);
      browser.submit("#kc-passwd-update-form [type=submit]");
      assertThat(browser.present("#password-new")).as(browser.pageText()).isFalse();

      // then signs in to the registry with the password they chose (no session carried over)
      browser.driver().manage().deleteAllCookies();
      KeycloakRedirects.allow(SharedKeycloak.get(), base());
      browser.open(base() + "/sign-in");
      browser.waitFor("#username");
      browser.type("username", USERNAME);
      if (!browser.present("#password")) {
        browser.click("#kc-login");
        browser.waitFor("#password");
      }
      browser.type("password", NEW_PASSWORD);
      browser.click("#kc-login");
      browser.waitForUrl(base());
      assertThat(browser.text(".registry-account__name")).isEqualTo(USERNAME);
      signOut();
    } finally {
      realmSmtp(before);
      removeFromKeycloak();
    }
  }
}
