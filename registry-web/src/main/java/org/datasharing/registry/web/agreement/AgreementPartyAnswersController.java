package org.datasharing.registry.web.agreement;

import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementPolicy;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.agreement.Field;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.pages.Questions;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One party's own answers to a draft, on their own page: only the party's own staff give or change
 * them, and the page asks only the questions that apply to the party.
 */
@Controller
@PageController
class AgreementPartyAnswersController {
  private final AgreementService agreements;
  private final EditorPages pages;

  AgreementPartyAnswersController(AgreementService agreements, EditorPages pages) {
    this.agreements = agreements;
    this.pages = pages;
  }

  // ---------------------------------------------------------------- one party's own answers

  @GetMapping("/agreements/{id}/edit/parties/{n}")
  ModelAndView party(
      @PathVariable String id,
      @PathVariable int n,
      @RequestParam(defaultValue = "false") boolean check,
      Authentication auth) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = pages.draft(actor, id);
    if (!got.ok()) {
      return EditorPages.notEditable(got, id);
    }
    AgreementView a = got.value();
    if (n < 1 || n > a.content().parties().size()) {
      return Pages.notFound("Agreement " + id + " has no party " + n + ".");
    }
    List<Violation> shown = List.of();
    if (check) {
      shown =
          agreements.check(actor, id).orElseThrow().stream()
              .filter(v -> Questions.partyIndex(v.field()) == n - 1)
              .toList();
    }
    return partyPage(actor, a, n - 1, a.content(), pages.named(shown, a.content()), check);
  }

  @PostMapping("/agreements/{id}/edit/parties/{n}")
  ModelAndView saveParty(
      @PathVariable String id,
      @PathVariable int n,
      @RequestParam MultiValueMap<String, String> params,
      @RequestParam(defaultValue = EditorPages.CONTINUE) String action,
      @RequestParam(defaultValue = "false") boolean check,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = pages.draft(actor, id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    AgreementView a = got.value();
    if (n < 1 || n > a.content().parties().size()) {
      return Pages.notFound("Agreement " + id + " has no party " + n + ".");
    }
    int i = n - 1;
    String org = a.content().partyOrganisations().get(i);
    if (!AgreementPolicy.answersFor(actor, org)) {
      return Pages.problem(
          HttpStatus.FORBIDDEN,
          "You cannot answer for this party",
          pages.partyName(i, org)
              + " answers for itself: only its own staff can give or change its answers.");
    }
    AgreementContent merged =
        DraftForm.mergeParty(params, a.content(), i, asked(a.content(), i, List.of()));
    Result<AgreementView> saved = agreements.updateDraft(actor, id, merged);
    if (!saved.ok()) {
      return saved.failure() == Result.Failure.INVALID
          ? EditorPages.invalid(
              partyPage(actor, a, i, merged, pages.named(saved.violations(), merged), check))
          : Pages.failure(saved);
    }
    // the page's answers are checked at once (the draft keeps them): a wrong e-mail address is
    // named now, not only at submit; a question not yet answered waits for submit
    Map<String, Object> answers = merged.parties().get(i);
    List<Violation> wrong =
        agreements.check(actor, id).orElseThrow().stream()
            .filter(v -> Questions.partyIndex(v.field()) == i)
            .filter(v -> answers.containsKey(v.field().substring(v.field().indexOf('.') + 1)))
            .toList();
    if (!wrong.isEmpty()) {
      return EditorPages.invalid(
          partyPage(actor, saved.value(), i, merged, pages.named(wrong, merged), check));
    }
    return pages.afterSave(
        id, Questions.step(Questions.PARTIES).orElseThrow(), action, check, redirect);
  }

  /**
   * The questions a party's page asks: the criminal offence condition only when the data includes
   * criminal offence data, the special category conditions unless it has none, processor terms only
   * of a processor; a question is still asked when already answered or named by an error.
   */
  private static List<Questions.Question> asked(
      AgreementContent content, int i, List<Violation> shown) {
    Map<String, Object> party = content.parties().get(i);
    Object criminal = content.fields().get(Field.CRIMINAL_OFFENCE.apiName());
    Object special = content.fields().get(Field.SPECIAL_CATEGORY.apiName());
    return Questions.PARTY_ANSWERS.stream()
        .filter(
            q -> {
              boolean relevant =
                  switch (q.name()) {
                    case "criminalOffenceCondition" -> Boolean.TRUE.equals(criminal);
                    case "specialCategoryCondition", "schedule1Condition" ->
                        !Boolean.FALSE.equals(special);
                    case "processorTerms" -> "processor".equals(party.get("role"));
                    default -> true;
                  };
              return relevant
                  || party.containsKey(q.name())
                  || shown.stream()
                      .anyMatch(v -> v.field().equals(Questions.partyName(i, q.name())));
            })
        .toList();
  }

  private ModelAndView partyPage(
      Actor actor,
      AgreementView a,
      int i,
      AgreementContent content,
      List<Violation> shown,
      boolean check) {
    String org = content.partyOrganisations().get(i);
    ModelAndView mav = new ModelAndView("agreement-party");
    mav.addObject("agreement", a);
    mav.addObject("index", i);
    mav.addObject("number", i + 1);
    mav.addObject("organisation", org);
    mav.addObject("partyName", pages.partyName(i, org));
    mav.addObject("mine", AgreementPolicy.answersFor(actor, org));
    mav.addObject("questions", asked(content, i, shown));
    mav.addObject("party", content.parties().get(i));
    mav.addObject("form", DraftForm.of(content));
    mav.addObject("check", check);
    mav.addObject("concepts", pages.concepts());
    // live: the party's standing against the assurance the draft requires, by submit's own check
    Result<List<AgreementService.PartyAssurance>> assurance = agreements.assurance(actor, a.id());
    mav.addObject(
        "partyAssurance",
        assurance.ok()
            ? assurance.value().stream().filter(s -> s.organisation().equals(org)).toList()
            : List.of());
    return EditorPages.withErrors(mav, shown);
  }
}
