package org.datasharing.registry.core.notification;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * How a person wants to be told: each message at once or one daily digest, and the optional kinds
 * they turned off. Kinds that are not {@link NotificationKind#optional()} can never be turned off.
 */
public record NotificationPreferences(Delivery delivery, Set<NotificationKind> optedOut) {

  /** Each message as it happens, or gathered into one message a day. */
  public enum Delivery {
    IMMEDIATE("immediate"),
    DAILY_DIGEST("daily-digest");

    private final String slug;

    Delivery(String slug) {
      this.slug = slug;
    }

    public String slug() {
      return slug;
    }

    public static Optional<Delivery> of(String slug) {
      return Arrays.stream(values()).filter(d -> d.slug.equals(slug)).findFirst();
    }
  }

  /** What a person who chose nothing gets: every kind, at once. */
  public static final NotificationPreferences DEFAULT =
      new NotificationPreferences(Delivery.IMMEDIATE, Set.of());

  public NotificationPreferences {
    requireNonNull(delivery, "delivery");
    optedOut = Set.copyOf(optedOut);
    optedOut.forEach(
        k -> {
          if (!k.optional()) {
            throw new IllegalArgumentException(k.slug() + " cannot be turned off");
          }
        });
  }

  /** Whether this kind reaches the person. */
  public boolean wants(NotificationKind kind) {
    return !optedOut.contains(kind);
  }
}
