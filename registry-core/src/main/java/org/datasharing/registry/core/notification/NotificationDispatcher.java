package org.datasharing.registry.core.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.store.RegistryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds. Each due notification is claimed (one attempt, counted, with its
 * retry already scheduled, so a crash mid-send retries later and two instances never send the same
 * attempt), its recipients resolved, one message per recipient sent, and each accepted address
 * marked, so a retry sends only to those still waiting. A mail server or directory that is down
 * leaves the notification pending until the backoff's next attempt; a refused address is recorded
 * with the reason and not retried; after the last attempt the notification fails with its reason.
 * Nothing here ever fails the change that caused the notification: that has committed already.
 */
public final class NotificationDispatcher {
  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final RegistryStore store;
  private final Outbox outbox;
  private final Recipients recipients;
  private final Messages messages;
  private final MailPort mail;
  private final Clock clock;
  private final RetryPolicy retry;
  private final Ids ids;
  private final Digests digests;

  /**
   * {@code store}: the store underneath the registry's (bookkeeping is not audited); {@code pages}:
   * the registry's address, ending in "/", for the links in messages.
   */
  public NotificationDispatcher(
      RegistryStore store,
      Ids ids,
      OrganisationService organisations,
      IdentityDirectory directory,
      MailPort mail,
      Clock clock,
      RetryPolicy retry,
      String pages) {
    this.store = store;
    this.outbox = new Outbox(store);
    this.recipients = new Recipients(store, ids, directory);
    this.messages =
        new Messages(
            ids,
            pages.endsWith("/") ? pages : pages + "/",
            id -> organisations.get(id).map(o -> o.name()));
    this.mail = mail;
    this.clock = clock;
    this.retry = retry;
    this.ids = ids;
    this.digests = new Digests(store, ids, outbox, messages, mail, clock);
  }

  /**
   * Sends each address that takes a daily digest one message gathering what waits for it, once a
   * day at or after {@code at} (UTC); returns how many digests were sent.
   */
  public int dispatchDigests(java.time.LocalTime at) {
    return digests.sendDue(at);
  }

  public Outbox outbox() {
    return outbox;
  }

  /** Sends every due notification once; returns how many finished (sent or failed). */
  public int dispatchDue() {
    int finished = 0;
    for (Notification n : outbox.due(clock.instant())) {
      if (dispatch(n)) {
        finished++;
      }
    }
    return finished;
  }

  private boolean dispatch(Notification n) {
    Instant now = clock.instant();
    int attempt = n.attempts() + 1;
    if (!outbox.claim(n, now.plus(retry.after(attempt)))) {
      return false; // another instance took this attempt
    }
    Graph agreement = store.graph(n.agreement());
    List<Recipient> to;
    try {
      to = recipients.of(n, agreement);
    } catch (RuntimeException e) { // DirectoryException, or any failure to read it
      return failedAttempt(n, attempt, "the identity directory did not answer: " + e.getMessage());
    }
    if (to.isEmpty()) {
      outbox.finish(
          n, Notification.State.FAILED, Optional.of("no recipient with an e-mail address"), now);
      log.warn("notification {} has no recipient with an e-mail address", n.id().getURI());
      return true;
    }
    int delivered = 0;
    for (Recipient r : to) {
      if (n.deliveredTo().contains(r.email()) || refused(n, r.email())) {
        delivered += n.deliveredTo().contains(r.email()) ? 1 : 0;
        continue;
      }
      NotificationPreferences prefs =
          r.userId()
              .map(id -> Preferences.read(store, ids.user(id)))
              .orElse(NotificationPreferences.DEFAULT);
      if (!prefs.wants(n.kind())) {
        outbox.skipped(n, r.email());
        delivered++;
        continue;
      }
      if (prefs.delivery() == NotificationPreferences.Delivery.DAILY_DIGEST) {
        outbox.held(n, r.email());
        delivered++;
        continue;
      }
      try {
        mail.send(messages.compose(n, agreement, r));
        outbox.delivered(n, r.email());
        delivered++;
      } catch (MailPort.MailFailure e) {
        if (e.permanent()) {
          outbox.refused(n, r.email(), e.getMessage());
          log.warn("notification {}: {} refused: {}", n.id().getURI(), r.email(), e.getMessage());
        } else {
          return failedAttempt(n, attempt, "the mail server did not take it: " + e.getMessage());
        }
      }
    }
    boolean any = delivered > 0;
    outbox.finish(
        n,
        any ? Notification.State.SENT : Notification.State.FAILED,
        any ? Optional.empty() : Optional.of("every recipient's address was refused"),
        clock.instant());
    return true;
  }

  private boolean refused(Notification n, String email) {
    return n.failedRecipients().stream().anyMatch(f -> f.startsWith(email + ": "));
  }

  private boolean failedAttempt(Notification n, int attempt, String reason) {
    if (attempt >= retry.maxAttempts()) {
      outbox.finish(
          n,
          Notification.State.FAILED,
          Optional.of("gave up after " + attempt + " attempts; " + reason),
          clock.instant());
      log.warn("notification {} failed: {}", n.id().getURI(), reason);
      return true;
    }
    // re-read: the claim changed it, and the error replaces the previous one
    outbox.get(n.id()).ifPresent(current -> outbox.attemptFailed(current, reason));
    log.info("notification {} waits for attempt {}: {}", n.id().getURI(), attempt + 1, reason);
    return false;
  }
}
