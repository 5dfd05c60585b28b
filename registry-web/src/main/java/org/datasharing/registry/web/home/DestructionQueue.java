package org.datasharing.registry.web.home;

import java.time.Clock;
import java.util.List;
import org.datasharing.registry.core.agreement.AgreementListing;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.web.security.Actors;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The dashboard's queue of ended agreements whose data the DPO's organisation has still to confirm
 * destroyed or returned, overdue first ({@link AgreementListing#destructionToConfirm}, where the
 * policy decides). Kept beside {@link HomeController} rather than in it, so the dashboard's other
 * queues and this one change independently.
 */
@ControllerAdvice(assignableTypes = HomeController.class)
class DestructionQueue {
  private final AgreementListing listing;
  private final Clock clock;

  DestructionQueue(AgreementListing listing, Clock clock) {
    this.listing = listing;
    this.clock = clock;
  }

  @ModelAttribute("destructionToConfirm")
  List<AgreementListing.DestructionDue> destructionToConfirm(Authentication authentication) {
    if (authentication == null) {
      return List.of();
    }
    Actor actor = Actors.of(authentication);
    if (actor == Actors.ANONYMOUS || !actor.has(Actor.Role.DPO)) {
      return List.of();
    }
    return listing.destructionToConfirm(actor, clock.instant());
  }
}
