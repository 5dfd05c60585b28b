package org.datasharing.registry.core.notification;

import java.util.Arrays;
import java.util.Optional;

/** What a notification tells its recipients; the slug is how the outbox stores it. */
public enum NotificationKind {
  /** A version was submitted: every party's DPO must decide. */
  DECISION_NEEDED("decision-needed"),
  /**
   * An organisation that requires sign-off had its DPO approve a version: its senior officers must
   * sign that approval off before it counts.
   */
  SIGN_OFF_NEEDED("sign-off-needed"),
  /** One party's DPO decided: the author and the other parties' DPOs hear of it. */
  DECISION("decision"),
  APPROVED("approved"),
  ACTIVE("active"),
  SUSPENDED("suspended"),
  RESUMED("resumed"),
  TERMINATED("terminated"),
  EXPIRED("expired"),
  /** A party recorded an incident: every party's DPO hears of it, with the ICO's deadline. */
  INCIDENT("incident"),
  /** Reminders, computed from the dates of the version in force (see {@link Reminders}). */
  REVIEW_DUE_SOON("review-due-soon"),
  REVIEW_OVERDUE("review-overdue"),
  END_DATE_SOON("end-date-soon"),
  /** An organisation's assurance expires within 30 days, or has expired (to its DPOs). */
  ASSURANCE_EXPIRING("assurance-expiring"),
  ASSURANCE_EXPIRED("assurance-expired");

  private final String slug;

  NotificationKind(String slug) {
    this.slug = slug;
  }

  public String slug() {
    return slug;
  }

  /** A reminder the scheduler computes from a date, not a change someone made. */
  public boolean reminder() {
    return this == REVIEW_DUE_SOON
        || this == REVIEW_OVERDUE
        || this == END_DATE_SOON
        || assurance();
  }

  /** About an organisation's assurance: goes to that organisation's DPOs only. */
  public boolean assurance() {
    return this == ASSURANCE_EXPIRING || this == ASSURANCE_EXPIRED;
  }

  /**
   * Whether a person may turn this kind off. A decision or sign-off needed, and what bears on
   * security (an agreement suspended or terminated, so sharing must stop; assurance expiring or
   * expired) always reach them.
   */
  public boolean optional() {
    return this != DECISION_NEEDED
        && this != SIGN_OFF_NEEDED
        && this != SUSPENDED
        && this != TERMINATED
        && this != ASSURANCE_EXPIRING
        && this != ASSURANCE_EXPIRED;
  }

  public static Optional<NotificationKind> of(String slug) {
    return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
  }
}
