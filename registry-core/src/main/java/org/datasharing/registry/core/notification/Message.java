package org.datasharing.registry.core.notification;

import static java.util.Objects.requireNonNull;

/**
 * One e-mail to one recipient. {@code messageId} is stable for the notification and the address, so
 * a message sent again after a crash carries the same Message-ID.
 */
public record Message(String to, String subject, String body, String messageId) {
  public Message {
    requireNonNull(to, "to");
    requireNonNull(subject, "subject");
    requireNonNull(body, "body");
    requireNonNull(messageId, "messageId");
  }
}
