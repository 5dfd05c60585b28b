package org.datasharing.registry.web.notification;

import java.util.List;
import java.util.Locale;
import org.datasharing.registry.core.notification.Notification;
import org.datasharing.registry.core.notification.Outbox;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbox for registry administrators ({@code /api/admin/**} is theirs only): what waits, what
 * was sent, and what failed with its reason (refused addresses, or given up after the last retry).
 */
@RestController
@RequestMapping("/api/admin/notifications")
class NotificationsController {
  private final Outbox outbox;

  NotificationsController(Outbox outbox) {
    this.outbox = outbox;
  }

  /** One notification as the administrator sees it. */
  record View(
      String id,
      String kind,
      String agreement,
      String state,
      int attempts,
      String created,
      String nextAttempt,
      String lastError,
      List<String> deliveredTo,
      List<String> failedRecipients) {
    static View of(Notification n) {
      return new View(
          n.id().getURI(),
          n.kind().slug(),
          n.agreement().getURI(),
          n.state().name().toLowerCase(Locale.ROOT),
          n.attempts(),
          n.created().toString(),
          n.state() == Notification.State.PENDING ? n.nextAttempt().toString() : null,
          n.lastError().orElse(null),
          n.deliveredTo().stream().sorted().toList(),
          n.failedRecipients().stream().sorted().toList());
    }
  }

  @GetMapping
  List<View> list(@RequestParam(defaultValue = "failed") String state) {
    Notification.State s =
        switch (state) {
          case "pending" -> Notification.State.PENDING;
          case "sent" -> Notification.State.SENT;
          case "failed" -> Notification.State.FAILED;
          default -> throw new InvalidParameter("state", "state must be pending, sent or failed");
        };
    return outbox.inState(s).stream().map(View::of).toList();
  }
}
