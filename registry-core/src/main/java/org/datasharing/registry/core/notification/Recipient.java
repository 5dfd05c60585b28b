package org.datasharing.registry.core.notification;

import static java.util.Objects.requireNonNull;

/** Someone a notification goes to: an e-mail address and why (a party's DPO, the author). */
public record Recipient(String email, String why) {
  public Recipient {
    requireNonNull(email, "email");
    requireNonNull(why, "why");
  }
}
