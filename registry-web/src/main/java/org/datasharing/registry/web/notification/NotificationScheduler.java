package org.datasharing.registry.web.notification;

import java.time.LocalTime;
import java.util.Optional;
import org.datasharing.registry.core.notification.NotificationDispatcher;
import org.datasharing.registry.core.notification.Reminders;
import org.datasharing.registry.web.store.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher (and the reminders) on a fixed delay, on the scheduler's thread: a slow or
 * absent mail server delays notifications, never a request or the change that caused them.
 */
@Component
class NotificationScheduler {
  private static final Logger log = LoggerFactory.getLogger(NotificationScheduler.class);
  private final Optional<NotificationDispatcher> dispatcher;

  private final Reminders reminders;
  private final ScheduledWork work;

  private final LocalTime digestAt;

  NotificationScheduler(
      NotificationConfiguration.Dispatch dispatch,
      Reminders reminders,
      ScheduledWork work,
      @Value("${registry.notifications.digest-at:07:00}") LocalTime digestAt) {
    this.dispatcher = dispatch.dispatcher();
    this.reminders = reminders;
    this.work = work;
    this.digestAt = digestAt;
  }

  @Scheduled(
      initialDelayString = "${registry.notifications.initial-delay:PT2S}",
      fixedDelayString = "${registry.notifications.every:PT10S}")
  void tick() {
    // on the one instance holding the scheduler lease
    dispatcher.ifPresent(
        d ->
            work.runIfHeld(
                () -> {
                  try {
                    int finished = d.dispatchDue();
                    if (finished > 0) {
                      log.debug("dispatched {} notification(s)", finished);
                    }
                  } catch (RuntimeException e) {
                    // the store unavailable, say: the next tick tries again
                    log.warn("notification dispatch failed: {}", e.toString());
                  }
                }));
  }

  /**
   * Sends the daily digests due: once a day, at the first tick at or after {@code
   * registry.notifications.digest-at} (UTC), each address that takes a digest gets one message
   * gathering what waits for it. Each day's digest is claimed in the store, so several instances
   * send it once.
   */
  @Scheduled(
      initialDelayString = "${registry.notifications.initial-delay:PT2S}",
      fixedDelayString = "${registry.notifications.digest-every:PT5M}")
  void digests() {
    dispatcher.ifPresent(
        d -> {
          try {
            int sent = d.dispatchDigests(digestAt);
            if (sent > 0) {
              log.info("sent {} daily digest(s)", sent);
            }
          } catch (RuntimeException e) {
            log.warn("daily digests failed: {}", e.toString());
          }
        });
  }

  /**
   * Records the reminders due today (review soon or overdue, end date soon). Each is keyed by its
   * kind, agreement and date and inserted only where absent, so the first run after downtime
   * catches up once, and several instances running it at once still record each reminder once.
   */
  @Scheduled(
      initialDelayString = "${registry.notifications.reminders-initial-delay:PT5S}",
      fixedDelayString = "${registry.notifications.reminders-every:PT1H}")
  void reminders() {
    work.runIfHeld(
        () -> {
          try {
            int recorded = reminders.recordDue();
            if (recorded > 0) {
              log.info("recorded {} reminder(s)", recorded);
            }
          } catch (RuntimeException e) {
            log.warn("reminders failed: {}", e.toString());
          }
        });
  }
}
