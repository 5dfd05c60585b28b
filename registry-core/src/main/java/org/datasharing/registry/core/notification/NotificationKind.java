package org.datasharing.registry.core.notification;

import java.util.Arrays;
import java.util.Optional;

/** What a notification tells its recipients; the slug is how the outbox stores it. */
public enum NotificationKind {
  /** A version was submitted: every party's DPO must decide. */
  DECISION_NEEDED("decision-needed"),
  /** One party's DPO decided: the author and the other parties' DPOs hear of it. */
  DECISION("decision"),
  APPROVED("approved"),
  ACTIVE("active"),
  SUSPENDED("suspended"),
  RESUMED("resumed"),
  TERMINATED("terminated"),
  EXPIRED("expired");

  private final String slug;

  NotificationKind(String slug) {
    this.slug = slug;
  }

  public String slug() {
    return slug;
  }

  public static Optional<NotificationKind> of(String slug) {
    return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
  }
}
