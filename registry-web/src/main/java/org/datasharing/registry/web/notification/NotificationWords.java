package org.datasharing.registry.web.notification;

import java.util.Map;
import org.datasharing.registry.core.notification.NotificationKind;

/** Each kind of notification in words, for the preferences page and the admin overview. */
public final class NotificationWords {
  private NotificationWords() {}

  /** Each kind in words, in the order the page lists them. */
  private static final Map<NotificationKind, String> WORDS =
      Map.ofEntries(
          Map.entry(NotificationKind.DECISION_NEEDED, "A version waits for your decision"),
          Map.entry(
              NotificationKind.SIGN_OFF_NEEDED,
              "Your data protection officer's approval waits for your sign-off"),
          Map.entry(NotificationKind.DECISION, "Another party decided on a version"),
          Map.entry(NotificationKind.APPROVED, "Every party approved a version"),
          Map.entry(NotificationKind.ACTIVE, "An agreement came into force"),
          Map.entry(NotificationKind.SUSPENDED, "An agreement was suspended"),
          Map.entry(NotificationKind.RESUMED, "An agreement was resumed"),
          Map.entry(NotificationKind.TERMINATED, "An agreement was terminated"),
          Map.entry(NotificationKind.EXPIRED, "An agreement reached its end date"),
          Map.entry(NotificationKind.REVIEW_DUE_SOON, "A review is due within 30 days"),
          Map.entry(NotificationKind.REVIEW_OVERDUE, "A review is overdue"),
          Map.entry(NotificationKind.END_DATE_SOON, "An agreement ends within 30 days"),
          Map.entry(
              NotificationKind.ASSURANCE_EXPIRING,
              "Your organisation's assurance expires within 30 days"),
          Map.entry(
              NotificationKind.ASSURANCE_EXPIRED, "Your organisation's assurance has expired"));

  /** A kind in words (for pages that list notifications). */
  public static String words(NotificationKind kind) {
    return WORDS.getOrDefault(kind, "A message about an agreement");
  }
}
