package org.datasharing.registry.web.notification;

import java.time.Clock;
import java.util.Optional;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.core.notification.NotificationDispatcher;
import org.datasharing.registry.core.notification.Outbox;
import org.datasharing.registry.core.notification.Preferences;
import org.datasharing.registry.core.notification.Reminders;
import org.datasharing.registry.core.notification.RetryPolicy;
import org.datasharing.registry.core.store.StoreFailures;
import org.datasharing.registry.web.store.StoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Wires the notification dispatcher over the registry's outbox, Keycloak's directory and Spring
 * Boot's mail sender. The outbox is always written (by every audited change); the dispatcher runs
 * only where a mail server is configured ({@code spring.mail.host}) and dispatching is enabled.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {
  private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

  @Bean
  Outbox outbox(Registry registry) {
    // the raw store: delivery bookkeeping is not an audited change (its failures still typed, so
    // the notifications API answers 503 when the store fails)
    return new Outbox(StoreFailures.of(registry.store()));
  }

  /** Each person's notification preferences (written through the audited path). */
  @Bean
  Preferences preferences(Registry registry) {
    return registry.preferences();
  }

  @Bean
  Reminders reminders(Registry registry, Clock clock) {
    return new Reminders(StoreFailures.of(registry.store()), registry.ids(), clock);
  }

  @Bean
  Dispatch notificationDispatcher(
      Registry registry,
      IdentityDirectory directory,
      ObjectProvider<JavaMailSender> mail,
      Clock clock,
      NotificationProperties props,
      StoreProperties store) {
    JavaMailSender sender = mail.getIfAvailable();
    if (!props.enabled() || sender == null) {
      log.info(
          "Notifications are recorded in the outbox but not sent: {}",
          props.enabled()
              ? "no mail server configured (spring.mail.host)"
              : "registry.notifications.enabled=false");
      return new Dispatch(Optional.empty());
    }
    String pages = props.pages(store.base());
    log.info("Notifications are sent by e-mail from {}, linking to {}", props.from(), pages);
    return new Dispatch(
        Optional.of(
            new NotificationDispatcher(
                StoreFailures.of(registry.store()),
                registry.ids(),
                registry.organisations(),
                directory,
                new SmtpMail(sender, props.from()),
                clock,
                new RetryPolicy(props.retryFirst(), props.retryLongest(), props.maxAttempts()),
                pages)));
  }

  /** The dispatcher, when this instance sends mail. */
  record Dispatch(Optional<NotificationDispatcher> dispatcher) {}
}
