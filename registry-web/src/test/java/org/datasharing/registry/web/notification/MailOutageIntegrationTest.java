package org.datasharing.registry.web.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.web.notification.MailApi.DPO_COUNCIL;
import static org.datasharing.registry.web.notification.MailApi.DPO_ICB;
import static org.datasharing.registry.web.notification.MailApi.DPO_TRUST;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.notification.Notification;
import org.datasharing.registry.core.notification.Outbox;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.datasharing.registry.web.notification.MailApi.Mail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The mail server is down when an agreement is submitted: the change still commits, the
 * notification waits in the outbox and is retried, {@code /actuator/health} shows the mail server
 * DOWN (readiness stays UP); when a real GreenMail comes up on the configured port the messages
 * arrive, once each, and health is UP again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailOutageIntegrationTest {
  static final int SMTP = freePort();
  static GreenMail greenMail;

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    SharedKeycloak.registerWithAdminApi(r);
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> SMTP);
    r.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
    r.add("registry.notifications.every", () -> "PT0.3S");
    r.add("registry.notifications.retry-first", () -> "PT0.5S");
    r.add("registry.notifications.retry-longest", () -> "PT1S");
  }

  @AfterAll
  static void stopMail() {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  @LocalServerPort int port;
  @Autowired Outbox outbox;
  @Autowired Registry registry;

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void mailServerDown_changeCommits_notificationRetried_andDeliveredOnceWhenItIsBack()
      throws Exception {
    MailApi api = new MailApi(port);
    api.submitted("dsa-mail-outage", "Mail outage", Map.of());
    var agreement = registry.ids().agreement("dsa-mail-outage");
    // the change committed: the agreement is submitted whatever the mail server does
    assertThat(
            api.call("dpo.council", "GET", "/api/agreements/dsa-mail-outage", null)
                .body()
                .get("status")
                .asText())
        .isEqualTo("SUBMITTED");

    Notification waiting = awaitAttempts(agreement, 2);
    assertThat(waiting.state()).isEqualTo(Notification.State.PENDING);
    assertThat(waiting.lastError()).hasValueSatisfying(e -> assertThat(e).contains("mail server"));
    var health = api.call(null, "GET", "/actuator/health", null);
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.body().get("status").asText()).isEqualTo("DOWN");
    var admin = api.call("admin", "GET", "/actuator/health", null);
    assertThat(admin.body().at("/components/mail/status").asText()).isEqualTo("DOWN");
    assertThat(api.call(null, "GET", "/actuator/health/readiness", null).status()).isEqualTo(200);

    greenMail = new GreenMail(new ServerSetup(SMTP, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();

    List<Mail> mails =
        MailApi.await(greenMail::getReceivedMessages, "Decision needed: Mail outage", 3);
    assertThat(mails)
        .extracting(Mail::to)
        .containsExactlyInAnyOrder(DPO_COUNCIL, DPO_TRUST, DPO_ICB);
    assertThat(outbox.about(agreement).get(0).state()).isEqualTo(Notification.State.SENT);
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (api.call(null, "GET", "/actuator/health", null).status() != 200
        && System.nanoTime() < until) {
      Thread.sleep(200);
    }
    assertThat(api.call(null, "GET", "/actuator/health", null).body().get("status").asText())
        .isEqualTo("UP");
  }

  private Notification awaitAttempts(org.apache.jena.graph.Node agreement, int attempts)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < until) {
      List<Notification> about = outbox.about(agreement);
      if (!about.isEmpty() && about.get(0).attempts() >= attempts) {
        return about.get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no retry within 30 s: " + outbox.about(agreement));
  }
}
