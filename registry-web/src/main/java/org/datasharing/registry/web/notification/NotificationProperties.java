package org.datasharing.registry.web.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dispatcher's settings ({@code registry.notifications.*}). The mail server itself is Spring
 * Boot's {@code spring.mail.*}; without {@code spring.mail.host} nothing is sent and the outbox
 * keeps every notification until a mail server is configured.
 *
 * @param enabled whether this instance dispatches the outbox at all
 * @param every how often the dispatcher looks for due notifications
 * @param from the sender address of every message
 * @param baseUrl the registry's address, for the links in messages; empty: the IRI base ({@code
 *     registry.store.base}) without its trailing {@code id/}
 * @param retryFirst the wait after the first failed attempt (doubled after each further one)
 * @param retryLongest the longest wait between attempts
 * @param maxAttempts attempts before a notification is recorded as failed
 */
@ConfigurationProperties("registry.notifications")
public record NotificationProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT10S") Duration every,
    @DefaultValue("registry@localhost") String from,
    @DefaultValue("") String baseUrl,
    @DefaultValue("PT30S") Duration retryFirst,
    @DefaultValue("PT1H") Duration retryLongest,
    @DefaultValue("20") int maxAttempts) {

  /** The pages' address, ending in "/". */
  String pages(String iriBase) {
    String b = baseUrl.isBlank() ? iriBase.replaceFirst("id/$", "") : baseUrl;
    return b.endsWith("/") ? b : b + "/";
  }
}
