package org.datasharing.registry.core.notification;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Exponential backoff for undelivered notifications: the n-th attempt's retry waits {@code first}
 * doubled n-1 times, at most {@code longest}; after {@code maxAttempts} the notification fails.
 */
public record RetryPolicy(Duration first, Duration longest, int maxAttempts) {
  public RetryPolicy {
    requireNonNull(first, "first");
    requireNonNull(longest, "longest");
    if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException("retry: first > 0, longest >= first, max-attempts >= 1");
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 20);
  }

  /** How long after attempt {@code attempt} (1 for the first) the next one waits. */
  public Duration after(int attempt) {
    Duration d = first;
    for (int i = 1; i < attempt && d.compareTo(longest) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(longest) > 0 ? longest : d;
  }
}
