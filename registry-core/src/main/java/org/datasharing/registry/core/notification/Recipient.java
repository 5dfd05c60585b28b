package org.datasharing.registry.core.notification;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Someone a notification goes to: an e-mail address, why (a party's DPO, the author) and, where the
 * directory knows them, their identifier (whose preferences apply).
 */
public record Recipient(String email, String why, Optional<String> userId) {
  public Recipient {
    requireNonNull(email, "email");
    requireNonNull(why, "why");
    userId = userId == null ? Optional.empty() : userId;
  }

  public Recipient(String email, String why) {
    this(email, why, Optional.empty());
  }
}
