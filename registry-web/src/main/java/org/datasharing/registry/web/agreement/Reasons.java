package org.datasharing.registry.web.agreement;

import java.util.Optional;
import org.datasharing.registry.core.common.XmlText;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.platform.InvalidParameter;

/**
 * What a DPO's reason (for a decision, a suspension, a resumption or a termination) may hold: text
 * XML can carry, at most as long as the shapes allow free text. The store refuses the characters
 * anyway, but by its property's name; checking here names the form's or API's field.
 */
public final class Reasons {
  /** As the shapes' free-text fields. */
  public static final int MAX_LENGTH = 10_000;

  private Reasons() {}

  /** What is wrong with the reason, if anything (none: fine, or absent). */
  public static Optional<String> problem(String reason) {
    if (reason == null) {
      return Optional.empty();
    }
    if (!XmlText.isLegal(reason)) {
      return Optional.of(XmlText.MESSAGE);
    }
    if (reason.length() > MAX_LENGTH) {
      return Optional.of("The reason must be at most " + MAX_LENGTH + " characters long");
    }
    return Optional.empty();
  }

  /** An API's check: a bad reason is refused as a bad {@code field} (400 naming it). */
  static void check(String field, String reason) {
    problem(reason)
        .ifPresent(
            message -> {
              throw new InvalidParameter(field, message);
            });
  }

  /**
   * A page's check: what is wrong with the reason, linked to its {@code field} at {@code anchor}.
   */
  static Optional<Pages.ErrorLink> error(String field, String anchor, String reason) {
    return problem(reason).map(message -> new Pages.ErrorLink(field, anchor, message));
  }
}
