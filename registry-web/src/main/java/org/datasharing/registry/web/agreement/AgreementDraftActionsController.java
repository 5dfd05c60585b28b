package org.datasharing.registry.web.agreement;

import org.datasharing.registry.core.agreement.AgreementPolicy;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The drafting organisation withdraws a submitted version or deletes a draft (each confirmed
 * first), or starts a new draft version or an amendment.
 */
@Controller
@PageController
class AgreementDraftActionsController {
  private final AgreementService agreements;

  AgreementDraftActionsController(AgreementService agreements) {
    this.agreements = agreements;
  }

  /** Asks the drafting organisation to confirm before it withdraws or deletes. */
  @GetMapping("/agreements/{id}/{action:withdraw|delete}")
  ModelAndView confirm(@PathVariable String id, @PathVariable String action, Authentication auth) {
    Result<AgreementView> got = agreements.get(Actors.of(auth), id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    AgreementView a = got.value();
    boolean withdraw = action.equals("withdraw");
    if (!a.can(withdraw ? AgreementPolicy.Action.WITHDRAW : AgreementPolicy.Action.DELETE)) {
      return Pages.problem(
          HttpStatus.CONFLICT,
          "This cannot be done now",
          withdraw
              ? "Only the organisation that drafted the agreement can withdraw it, while the"
                  + " version is submitted and no one has decided on it."
              : "Only the organisation that drafted the agreement can delete it, while it is a"
                  + " draft that was never submitted.");
    }
    ModelAndView mav = new ModelAndView("agreement-confirm");
    mav.addObject("agreement", a);
    mav.addObject("action", action);
    return mav;
  }

  @PostMapping("/agreements/{id}/withdraw")
  ModelAndView withdraw(@PathVariable String id, Authentication auth, RedirectAttributes redirect) {
    return Pages.redirectOr(
        agreements.withdraw(Actors.of(auth), id),
        redirect,
        "/agreements/" + id,
        a ->
            "Version "
                + a.currentVersion()
                + " is withdrawn. The agreement is a draft again; the parties' DPOs no longer see"
                + " it as waiting for their decision.");
  }

  @PostMapping("/agreements/{id}/delete")
  ModelAndView delete(@PathVariable String id, Authentication auth, RedirectAttributes redirect) {
    return Pages.redirectOr(
        agreements.delete(Actors.of(auth), id),
        redirect,
        "/agreements",
        deleted -> "The draft is deleted. The audit log keeps a record that it was.");
  }

  @PostMapping("/agreements/{id}/revise")
  ModelAndView revise(@PathVariable String id, Authentication auth, RedirectAttributes redirect) {
    return Pages.redirectOr(
        agreements.revise(Actors.of(auth), id),
        redirect,
        "/agreements/" + id + "/edit",
        a -> "New draft version started.");
  }

  @PostMapping("/agreements/{id}/amend")
  ModelAndView amend(@PathVariable String id, Authentication auth, RedirectAttributes redirect) {
    return Pages.redirectOr(
        agreements.amend(Actors.of(auth), id),
        redirect,
        "/agreements/" + id + "/edit",
        a ->
            "Amendment started. The approved version stays in force until every party approves"
                + " the amendment.");
  }
}
