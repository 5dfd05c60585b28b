package org.datasharing.registry.web.agreement;

import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A DPO's decision on the version awaiting them and a senior officer's sign-off of it. */
@Controller
@PageController
class AgreementDecisionPageController {
  private final AgreementService agreements;
  private final AgreementPage page;

  AgreementDecisionPageController(AgreementService agreements, AgreementPage page) {
    this.agreements = agreements;
    this.page = page;
  }

  @PostMapping("/agreements/{id}/decision")
  ModelAndView decide(
      @PathVariable String id,
      @RequestParam int version,
      @RequestParam(defaultValue = "") String contentHash,
      @RequestParam(defaultValue = "") String outcome,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "false") boolean declaration,
      Authentication auth,
      RedirectAttributes redirect) {
    InvalidParameter.within("version", version, 1, Integer.MAX_VALUE);
    Actor actor = Actors.of(auth);
    ModelAndView refused =
        decideOrRefuse(actor, id, version, contentHash, outcome, reason, declaration, redirect);
    if (refused.getStatus() == HttpStatus.UNPROCESSABLE_CONTENT) {
      // a refused decision keeps what the DPO chose and wrote
      refused.addObject("chosenOutcome", outcome);
      refused.addObject("reasonText", reason);
      refused.addObject("declared", declaration);
    }
    return refused;
  }

  private ModelAndView decideOrRefuse(
      Actor actor,
      String id,
      int version,
      String contentHash,
      String outcome,
      String reason,
      boolean declaration,
      RedirectAttributes redirect) {
    Optional<AgreementService.Outcome> chosen =
        switch (outcome) {
          case "approve" -> Optional.of(AgreementService.Outcome.APPROVE);
          case "reject" -> Optional.of(AgreementService.Outcome.REJECT);
          case "request-changes" -> Optional.of(AgreementService.Outcome.REQUEST_CHANGES);
          default -> Optional.empty();
        };
    if (chosen.isEmpty()) {
      return page.again(
          actor, id, List.of(new Pages.ErrorLink("outcome", "outcome", "Select your decision")));
    }
    Optional<Pages.ErrorLink> badReason = Reasons.error("reason", "reason", reason);
    if (badReason.isPresent()) {
      return page.again(actor, id, List.of(badReason.get()));
    }
    if (chosen.get() == AgreementService.Outcome.APPROVE && !declaration) {
      // the page's declaration; API clients declare what they read by naming its hash
      return page.again(
          actor,
          id,
          List.of(
              new Pages.ErrorLink(
                  "declaration",
                  "declaration",
                  "Confirm that you have read version "
                      + version
                      + " and approve it for "
                      + page.labels().organisation(actor.organisation().orElse("")))));
    }
    Result<AgreementView> r =
        agreements.decide(
            actor,
            id,
            version,
            contentHash,
            chosen.get(),
            Optional.of(reason).filter(s -> !s.isBlank()));
    if (r.ok()) {
      AgreementView a = r.value();
      redirect.addFlashAttribute(
          "success",
          "Your decision is recorded: "
              + page.labels().outcome(chosen.get().name())
              + " on version "
              + version
              + ". The agreement is now "
              + page.labels().status(a.amendmentStatus().orElse(a.status())).toLowerCase()
              + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    return page.invalidOrConflict(actor, id, r, "outcome");
  }

  /**
   * A senior officer signs off their DPO's approval of the version they read: the declaration names
   * the version, its content hash and their organisation; the hash goes with it, so a text that
   * changed meanwhile is refused (409) and comes back on the page.
   */
  @PostMapping("/agreements/{id}/sign-off")
  ModelAndView signOff(
      @PathVariable String id,
      @RequestParam int version,
      @RequestParam(defaultValue = "") String contentHash,
      @RequestParam(defaultValue = "false") boolean signOffDeclaration,
      Authentication auth,
      RedirectAttributes redirect) {
    InvalidParameter.within("version", version, 1, Integer.MAX_VALUE);
    Actor actor = Actors.of(auth);
    if (!signOffDeclaration) {
      return page.again(
          actor,
          id,
          List.of(
              new Pages.ErrorLink(
                  "declaration",
                  "signOffDeclaration",
                  "Confirm that you have read version "
                      + version
                      + " and sign off its approval for "
                      + page.labels().organisation(actor.organisation().orElse("")))));
    }
    Result<AgreementView> r = agreements.signOff(actor, id, version, contentHash);
    if (r.ok()) {
      redirect.addFlashAttribute(
          "success",
          "Your sign-off of version "
              + version
              + " is recorded: "
              + page.labels().organisation(actor.organisation().orElse(""))
              + "'s approval counts. The agreement is now "
              + page.labels()
                  .status(r.value().amendmentStatus().orElse(r.value().status()))
                  .toLowerCase()
              + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    return page.invalidOrConflict(actor, id, r, "signOffDeclaration");
  }
}
