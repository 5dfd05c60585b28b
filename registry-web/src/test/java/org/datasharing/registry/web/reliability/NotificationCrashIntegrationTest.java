package org.datasharing.registry.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.core.notification.Notification;
import org.datasharing.registry.core.notification.NotificationKind;
import org.datasharing.registry.core.notification.Outbox;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox across SIGKILLs, with real mail: the registry runs as a child process that sends its
 * notifications over SMTP to a real GreenMail in this JVM, resolving recipients in a stubbed
 * Keycloak admin API. Two clients submit agreements and decide on them; the harness kills the
 * registry right after an acknowledged change (so its notifications are committed but not sent),
 * from inside GreenMail while it stores a message (the mail server has the message, the registry
 * never heard it was taken), and, with {@code -Dreliability.notify.random-kills=N}, at N random
 * moments besides (a seed is printed; {@code -Dreliability.notify.seed} repeats a run); it restarts
 * on the same data folder each time, lets the dispatcher drain the outbox, and then compares
 * GreenMail's mailboxes with the outbox.
 *
 * <p>What holds, and is asserted: every notification the workload caused is sent, each recipient
 * has its message, nothing arrives that the outbox does not know, and whatever was committed but
 * unsent at a kill arrives exactly once. What cannot hold at the SMTP boundary: a message the
 * server accepted just before the kill, before the registry recorded it, is sent again after the
 * restart. Delivery is therefore at least once, and the repeat carries the same Message-ID (a mail
 * client or a recipient's server can drop it); the test asserts that only such a message in flight
 * at a kill repeats, at most once per kill.
 */
class NotificationCrashIntegrationTest {
  static final long SEED = Long.getLong("reliability.notify.seed", System.nanoTime());

  /** Kills at a random moment after the two aimed ones; each costs a start-up, so none in CI. */
  static final int RANDOM_KILLS = Integer.getInteger("reliability.notify.random-kills", 0);

  static final String PREFIX = "dsa-notify-";
  static final String TITLE = "Crash harness discharge planning";

  /** Where each kill lands. */
  enum Kill {
    /** Right after a 2xx: the change's notifications are committed, not yet sent. */
    AFTER_ACKNOWLEDGEMENT,
    /** While GreenMail stores a message the registry is sending: before the 250 reply. */
    MID_SEND,
    /** At a random moment while changes and messages flow. */
    RANDOM
  }

  @TempDir Path dir;

  @Test
  void sigkillBetweenCommitAndSend_orMidSend_eachNotificationArrives_onlyAMessageInFlightRepeats()
      throws Exception {
    Random random = new Random(SEED);
    Path data = dir.resolve("tdb2");
    GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
    try (TestIssuer issuer = new TestIssuer()) {
      DirectoryStubs.stub(issuer);
      // every Message-ID GreenMail stored, in order; a hook run inside the next delivery
      List<String> stored = Collections.synchronizedList(new ArrayList<>());
      AtomicReference<Runnable> duringNextDelivery = new AtomicReference<>();
      UserManager users = greenMail.getUserManager();
      MessageDeliveryHandler deliver = users.getMessageDeliveryHandler();
      users.setMessageDeliveryHandler(
          (message, address) -> {
            Runnable hook = duringNextDelivery.getAndSet(null);
            if (hook != null) {
              hook.run(); // the registry dies here; GreenMail still stores the message below
            }
            stored.add(message.getMessage().getMessageID());
            return deliver.handle(message, address);
          });
      ChildRegistry child =
          new ChildRegistry(
              data,
              dir.resolve("registry.log"),
              issuer.issuer(),
              List.of(
                  "--spring.mail.host=localhost",
                  "--spring.mail.port=" + greenMail.getSmtp().getPort(),
                  "--registry.notifications.enabled=true",
                  "--registry.notifications.every=PT0.2S",
                  "--registry.notifications.initial-delay=PT0S",
                  "--registry.notifications.retry-first=PT1S",
                  "--registry.notifications.retry-longest=PT2S",
                  // only the workload's notifications: no date reminders in this run
                  "--registry.notifications.reminders-initial-delay=PT24H",
                  "--registry.identity.client-secret=crash-harness",
                  // a killed instance's scheduler lease lapses quickly
                  "--registry.scheduler.lease-ttl=PT3S",
                  "--registry.scheduler.lease-renew-every=PT1S"));
      Workload w = new Workload(issuer::token);
      AtomicInteger counter = new AtomicInteger();
      List<Kill> kills = new ArrayList<>(List.of(Kill.AFTER_ACKNOWLEDGEMENT, Kill.MID_SEND));
      for (int r = 0; r < RANDOM_KILLS; r++) {
        kills.add(Kill.RANDOM);
      }
      // Message-IDs that may arrive twice: the last one GreenMail stored before each kill
      Set<String> inFlight = new HashSet<>();
      String midSend = null;
      // notifications committed and not sent to anyone when the registry was killed
      Set<String> unsentAtKill = new HashSet<>();
      long started = System.nanoTime();
      for (int i = 0; i < kills.size(); i++) {
        child.start();
        w.target(child.base());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        for (int c = 0; c < 2; c++) {
          String prefix = PREFIX + i + "-" + c + "-";
          clients.submit(
              () -> {
                while (running.get()) {
                  w.agreement(prefix + counter.incrementAndGet());
                }
              });
        }
        Kill kill = kills.get(i);
        switch (kill) {
          case AFTER_ACKNOWLEDGEMENT -> {
            // an agreement is 7 changes (3 before its submit); 14 or more reach submits and
            // decisions of both clients, so notifications are committed when the kill lands
            awaitAcks(w, w.acks.get() + 14 + random.nextInt(8));
            child.kill();
          }
          case MID_SEND -> {
            awaitAcks(w, w.acks.get() + 7);
            CountDownLatch killed = new CountDownLatch(1);
            duringNextDelivery.set(
                () -> {
                  try {
                    child.kill();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  killed.countDown();
                });
            assertThat(killed.await(60, TimeUnit.SECONDS)).as("a message was sent").isTrue();
          }
          case RANDOM -> {
            awaitAcks(w, w.acks.get() + 1);
            Thread.sleep(random.nextInt(3000));
            child.kill();
          }
        }
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // let GreenMail finish storing what it had received whole
        synchronized (stored) {
          if (!stored.isEmpty()) {
            inFlight.add(stored.get(stored.size() - 1));
            if (kill == Kill.MID_SEND) {
              midSend = stored.get(stored.size() - 1);
            }
          }
        }
        for (Notification n : ours(data, w)) {
          if (n.state() == Notification.State.PENDING && n.deliveredTo().isEmpty()) {
            unsentAtKill.add(local(n));
          }
        }
      }

      child.start();
      w.target(child.base());
      awaitDrained(w);
      child.stop();

      List<Notification> notifications = ours(data, w);
      Set<Copy> expected = new HashSet<>();
      for (Notification n : notifications) {
        for (String to : n.deliveredTo()) {
          expected.add(new Copy(local(n), to));
        }
      }
      Map<String, Integer> copies = new HashMap<>(); // per Message-ID (one recipient each)
      Set<Copy> arrived = new HashSet<>();
      for (MimeMessage m : greenMail.getReceivedMessages()) {
        if (!m.getSubject().contains(TITLE)) {
          continue; // about a sample agreement
        }
        copies.merge(m.getMessageID(), 1, Integer::sum);
        arrived.add(new Copy(notificationOf(m.getMessageID()), m.getAllRecipients()[0].toString()));
      }
      long repeats = copies.values().stream().mapToLong(c -> c - 1).sum();
      System.out.printf(
          "notification crash: %d kills, %d acknowledged changes, %d notifications, %d messages,"
              + " %d unsent at a kill, %d repeated, %d ms (seed %d)%n",
          kills.size(),
          w.acks.get(),
          notifications.size(),
          copies.values().stream().mapToInt(Integer::intValue).sum(),
          unsentAtKill.size(),
          repeats,
          (System.nanoTime() - started) / 1_000_000,
          SEED);

      assertThat(notifications)
          .as("the workload caused notifications of several kinds")
          .extracting(Notification::kind)
          .contains(NotificationKind.DECISION_NEEDED);
      assertThat(notifications.stream().map(Notification::kind).distinct().count())
          .as("kinds of notification")
          .isGreaterThan(1);
      assertThat(notifications)
          .as("every notification sent (seed %d)", SEED)
          .allSatisfy(
              n -> {
                assertThat(n.state()).as(local(n)).isEqualTo(Notification.State.SENT);
                assertThat(n.deliveredTo()).as(local(n)).isNotEmpty();
              });
      assertThat(notifications)
          .filteredOn(n -> n.kind() == NotificationKind.DECISION_NEEDED)
          .allSatisfy(
              n ->
                  assertThat(n.deliveredTo())
                      .containsExactlyInAnyOrderElementsOf(
                          DirectoryStubs.DPOS.stream().map(DirectoryStubs::email).toList()));
      // nothing lost, and nothing the outbox does not account for
      assertThat(arrived).as("messages in GreenMail (seed %d)", SEED).isEqualTo(expected);
      // what was committed but unsent at a kill arrives exactly once (unless a later kill caught
      // it in flight, below)
      assertThat(unsentAtKill).as("a kill landed between commit and send").isNotEmpty();
      assertThat(copies)
          .as("copies of the messages unsent at a kill")
          .allSatisfy(
              (id, n) -> {
                if (unsentAtKill.contains(notificationOf(id)) && !inFlight.contains(id)) {
                  assertThat(n).as(id).isEqualTo(1);
                }
              });
      // at least once: only a message in flight at a kill repeats, once, with its Message-ID
      assertThat(copies)
          .allSatisfy(
              (id, n) -> {
                if (n > 1) {
                  assertThat(inFlight).as(id).contains(id);
                  assertThat(n).as(id).isEqualTo(2);
                }
              });
      assertThat(repeats).isLessThanOrEqualTo(kills.size());
      assertThat(midSend).as("the mid-send kill hit a message").isNotNull();
      if (copies.containsKey(midSend)) {
        // the SMTP boundary: the server had it, the registry had not recorded it, so it went again
        assertThat(copies.get(midSend))
            .as("copies of the message the mid-send kill caught, same Message-ID")
            .isEqualTo(2);
      }
    } finally {
      greenMail.stop();
    }
  }

  /** One recipient's copy of one notification. */
  record Copy(String notification, String to) {}

  /** The notification's local name from a Message-ID {@code <local.hash@dsr.notification>}. */
  static String notificationOf(String messageId) {
    String s = messageId.substring(1, messageId.indexOf('@'));
    return s.substring(0, s.lastIndexOf('.'));
  }

  /** The notification's local name, which starts its Message-ID. */
  static String local(Notification n) {
    String uri = n.id().getURI();
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  /**
   * The notifications the workload's agreements caused, read from the stopped registry's folder.
   */
  static List<Notification> ours(Path data, Workload w) {
    try (TdbRegistryStore store = TdbRegistryStore.open(data)) {
      Outbox outbox = new Outbox(store);
      List<Notification> out = new ArrayList<>();
      for (String id : w.acknowledged.keySet()) {
        out.addAll(outbox.about(NodeFactory.createURI(StoreChecks.BASE + "agreement/" + id)));
      }
      return out;
    }
  }

  private static void awaitAcks(Workload w, long target) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (w.acks.get() < target && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertThat(w.acks.get())
        .as("acknowledged changes: %s", w.surprises)
        .isGreaterThanOrEqualTo(target);
  }

  /** Until no notification about the workload's agreements is pending. */
  private static void awaitDrained(Workload w) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      Workload.Answer pending =
          w.send(SampleUser.ADMIN, "GET", "/api/admin/notifications?state=pending", null, null);
      boolean any = false;
      if (pending.status() == 200 && pending.body() != null) {
        for (var n : pending.body()) {
          any |= n.get("agreement").asText().contains("/agreement/" + PREFIX);
        }
      }
      if (pending.status() == 200 && !any) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the outbox did not drain in 120 s");
  }
}
