package org.datasharing.registry.web.notification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.notification.NotificationKind;
import org.datasharing.registry.core.notification.NotificationPreferences;
import org.datasharing.registry.core.notification.Preferences;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's notification preferences page (linked from their name in the header):
 * immediate messages or one daily digest, and a checkbox for each kind they may turn off. The kinds
 * that cannot be turned off are listed, with why. Saving calls {@link Preferences#set}.
 */
@Controller
@PageController
class NotificationPreferencesPageController {
  static final String PATH = "/account/notifications";

  private final Preferences preferences;

  NotificationPreferencesPageController(Preferences preferences) {
    this.preferences = preferences;
  }

  /** A kind on the page: its slug, its words, and whether it reaches the person. */
  record Row(String kind, String words, boolean on) {}

  @GetMapping(PATH)
  ModelAndView show(Authentication auth) {
    NotificationPreferences p = preferences.of(Actors.of(auth).subject());
    return page(
        p.delivery().slug(),
        Arrays.stream(NotificationKind.values())
            .filter(NotificationKind::optional)
            .filter(p::wants)
            .map(NotificationKind::slug)
            .toList(),
        List.of());
  }

  @PostMapping(PATH)
  ModelAndView save(
      @RequestParam(name = "delivery", required = false) String delivery,
      @RequestParam(name = "on", required = false) List<String> on,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    List<String> kept = on == null ? List.of() : on;
    List<String> off =
        Arrays.stream(NotificationKind.values())
            .filter(NotificationKind::optional)
            .map(NotificationKind::slug)
            .filter(k -> !kept.contains(k))
            .toList();
    Result<NotificationPreferences> r = preferences.set(actor, delivery, off);
    if (r.ok()) {
      redirect.addFlashAttribute("success", "Your notification preferences are saved.");
      return new ModelAndView("redirect:" + PATH);
    }
    if (r.failure() != Result.Failure.INVALID) {
      return Pages.failure(r);
    }
    List<Pages.ErrorLink> errors = new ArrayList<>();
    r.violations()
        .forEach(
            v ->
                errors.add(
                    new Pages.ErrorLink(
                        v.field(),
                        v.field().equals("delivery") ? "delivery" : "kinds",
                        v.field().equals("delivery")
                            ? "Choose how you want to receive messages"
                            : v.message())));
    ModelAndView mav = page(delivery == null ? "" : delivery, kept, errors);
    mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    return mav;
  }

  private static ModelAndView page(String delivery, List<String> on, List<Pages.ErrorLink> errors) {
    ModelAndView mav = new ModelAndView("notification-preferences");
    mav.addObject("delivery", delivery);
    mav.addObject(
        "optional",
        Arrays.stream(NotificationKind.values())
            .filter(NotificationKind::optional)
            .map(k -> new Row(k.slug(), NotificationWords.words(k), on.contains(k.slug())))
            .toList());
    mav.addObject(
        "always",
        Arrays.stream(NotificationKind.values())
            .filter(k -> !k.optional())
            .map(k -> new Row(k.slug(), NotificationWords.words(k), true))
            .toList());
    mav.addObject("errors", errors);
    mav.addObject(
        "deliveryError",
        errors.stream()
            .filter(e -> e.field().equals("delivery"))
            .map(Pages.ErrorLink::message)
            .findFirst()
            .orElse(null));
    return mav;
  }
}
