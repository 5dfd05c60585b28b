package org.datasharing.registry.web.notification;

import java.util.Optional;
import org.datasharing.registry.core.notification.NotificationDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher on a fixed delay, on the scheduler's thread: a slow or absent mail server
 * delays notifications, never a request or the change that caused them.
 */
@Component
class NotificationScheduler {
  private static final Logger log = LoggerFactory.getLogger(NotificationScheduler.class);
  private final Optional<NotificationDispatcher> dispatcher;

  NotificationScheduler(NotificationConfiguration.Dispatch dispatch) {
    this.dispatcher = dispatch.dispatcher();
  }

  @Scheduled(
      initialDelayString = "${registry.notifications.initial-delay:PT2S}",
      fixedDelayString = "${registry.notifications.every:PT10S}")
  void tick() {
    dispatcher.ifPresent(
        d -> {
          try {
            int finished = d.dispatchDue();
            if (finished > 0) {
              log.debug("dispatched {} notification(s)", finished);
            }
          } catch (RuntimeException e) {
            // the store unavailable, say: the next tick tries again
            log.warn("notification dispatch failed: {}", e.toString());
          }
        });
  }
}
