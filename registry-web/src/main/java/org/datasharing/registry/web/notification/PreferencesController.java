package org.datasharing.registry.web.notification;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.List;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.notification.NotificationKind;
import org.datasharing.registry.core.notification.NotificationPreferences;
import org.datasharing.registry.core.notification.Preferences;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in person's own notification preferences: immediate messages or a daily digest, and
 * the optional kinds turned off. Decisions needed and what bears on security cannot be turned off
 * (each kind says whether it is optional); asking to is 422 naming {@code optedOut[i]}.
 */
@RestController
@RequestMapping("/api/me/notification-preferences")
class PreferencesController {
  private final Preferences preferences;

  PreferencesController(Preferences preferences) {
    this.preferences = preferences;
  }

  /** What the person chose, and every kind with whether they may turn it off. */
  record View(String delivery, List<String> optedOut, List<Kind> kinds) {
    static View of(NotificationPreferences p) {
      return new View(
          p.delivery().slug(),
          p.optedOut().stream().map(NotificationKind::slug).sorted().toList(),
          Arrays.stream(NotificationKind.values())
              .map(k -> new Kind(k.slug(), k.optional(), p.wants(k)))
              .toList());
    }
  }

  /** A kind of message: whether it can be turned off, and whether it reaches the person. */
  record Kind(String kind, boolean optional, boolean on) {}

  /** What a PUT asks for. */
  record Asked(String delivery, List<String> optedOut) {}

  @GetMapping
  @Operation(summary = "Your notification preferences, and each kind with whether it is optional")
  View get(Authentication auth) {
    return View.of(preferences.of(Actors.of(auth).subject()));
  }

  @PutMapping
  @Operation(
      summary =
          "Choose immediate messages or a daily digest, and the optional kinds to turn off"
              + " (audited; 422 naming the field)")
  ResponseEntity<Object> put(@RequestBody Asked asked, Authentication auth) {
    Result<NotificationPreferences> r =
        preferences.set(Actors.of(auth), asked.delivery(), asked.optedOut());
    return r.ok() ? ResponseEntity.ok(View.of(r.value())) : Problems.problem(r);
  }
}
