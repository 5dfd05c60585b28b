package org.datasharing.registry.web.agreement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.datasharing.registry.web.pages.Questions.Section;
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
 * The agreement editor, in GOV.UK "question pages": a task list of the sections of the ICO data
 * sharing checklist ({@link Questions#STEPS}), one page per section that saves the draft as it
 * goes, and "Check your answers" with the submit button. A refused submit lists each SHACL
 * violation in a GOV.UK error summary linked to the question page and input that fixes it; that
 * page then shows the error inline.
 */
@Controller
@PageController
class AgreementEditorController {
  private final AgreementService agreements;
  private final EditorPages pages;

  AgreementEditorController(AgreementService agreements, EditorPages pages) {
    this.agreements = agreements;
    this.pages = pages;
  }

  /** One row of the task list: complete only once answered and nothing on it is missing. */
  record Task(Section step, boolean started, boolean complete) {}

  /** A party's own answers in the task list: whose they are and whether the viewer gives them. */
  record PartyTask(int number, String organisation, boolean mine, boolean complete) {}

  // ---------------------------------------------------------------- a new draft: its first page

  @GetMapping("/agreements/new")
  ModelAndView create(Authentication auth) {
    Actor actor = Actors.of(auth);
    if (!member(actor)) {
      return notMember();
    }
    return pages.step(actor, null, first(), newDraft(actor), List.of());
  }

  @PostMapping("/agreements/new")
  ModelAndView createPosted(
      @RequestParam MultiValueMap<String, String> params,
      @RequestParam(defaultValue = EditorPages.CONTINUE) String action,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    if (!member(actor)) {
      return notMember();
    }
    DraftForm form = DraftForm.of(params);
    AgreementContent start = newDraft(actor).convert().content();
    DraftForm.Converted converted = form.mergeInto(start, first(), Set.of());
    List<Violation> errors = new ArrayList<>(converted.errors());
    if (!converted.content().fields().containsKey(Field.TITLE.apiName())) {
      errors.add(
          new Violation(Field.TITLE.apiName(), "Enter a title that says what the sharing is for"));
    }
    if (!errors.isEmpty()) {
      return EditorPages.invalid(pages.step(actor, null, first(), form, errors));
    }
    Result<AgreementView> created =
        agreements.createDraft(actor, Optional.empty(), converted.content());
    if (!created.ok()) {
      return created.failure() == Result.Failure.INVALID
          ? EditorPages.invalid(pages.step(actor, null, first(), form, created.violations()))
          : Pages.failure(created);
    }
    return pages.afterSave(created.value().id(), first(), action, false, redirect);
  }

  // ---------------------------------------------------------------- the task list

  @GetMapping("/agreements/{id}/edit")
  ModelAndView tasks(@PathVariable String id, Authentication auth) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = pages.draft(actor, id);
    if (!got.ok()) {
      return EditorPages.notEditable(got, id);
    }
    AgreementView a = got.value();
    List<Violation> open = agreements.check(actor, id).orElseThrow();
    List<Task> tasks =
        Questions.STEPS.stream()
            .map(
                s -> {
                  boolean started = started(s, a.content());
                  return new Task(s, started, started && noneOn(open, s.slug()));
                })
            .toList();
    List<PartyTask> partyTasks = new ArrayList<>();
    List<String> orgs = a.content().partyOrganisations();
    for (int i = 0; i < orgs.size(); i++) {
      partyTasks.add(
          new PartyTask(
              i + 1,
              orgs.get(i),
              AgreementPolicy.answersFor(actor, orgs.get(i)),
              noneOn(open, Questions.PARTIES + "/" + (i + 1))));
    }
    ModelAndView mav = new ModelAndView("agreement-tasks");
    mav.addObject("agreement", a);
    mav.addObject("tasks", tasks);
    mav.addObject("partyTasks", partyTasks);
    mav.addObject("completed", tasks.stream().filter(Task::complete).count());
    return mav;
  }

  // ---------------------------------------------------------------- a question page

  @GetMapping("/agreements/{id}/edit/{slug}")
  ModelAndView edit(
      @PathVariable String id,
      @PathVariable String slug,
      @RequestParam(defaultValue = "false") boolean check,
      Authentication auth) {
    Actor actor = Actors.of(auth);
    Optional<Section> step = Questions.step(slug);
    if (step.isEmpty()) {
      return Pages.notFound("There is no question page called " + slug + ".");
    }
    Result<AgreementView> got = pages.draft(actor, id);
    if (!got.ok()) {
      return EditorPages.notEditable(got, id);
    }
    List<Violation> shown = List.of();
    if (check) { // sent here from a refused submit: show what this page must fix
      shown =
          agreements.check(actor, id).orElseThrow().stream()
              .filter(v -> v.field() != null && step.get().asks(v.field()))
              .toList();
    }
    return pages
        .step(actor, got.value(), step.get(), DraftForm.of(got.value().content()), shown)
        .addObject("check", check);
  }

  @PostMapping("/agreements/{id}/edit/{slug}")
  ModelAndView save(
      @PathVariable String id,
      @PathVariable String slug,
      @RequestParam MultiValueMap<String, String> params,
      @RequestParam(defaultValue = EditorPages.CONTINUE) String action,
      @RequestParam(defaultValue = "false") boolean check,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Optional<Section> step = Questions.step(slug);
    if (step.isEmpty()) {
      return Pages.notFound("There is no question page called " + slug + ".");
    }
    Result<AgreementView> got = pages.draft(actor, id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    DraftForm form = DraftForm.of(params);
    DraftForm.Converted converted =
        form.mergeInto(got.value().content(), step.get(), pages.unseenDatasets(actor, got.value()));
    List<Violation> errors = new ArrayList<>(converted.errors());
    String own = actor.organisation().orElse("");
    if (step.get().isParties() && !converted.content().partyOrganisations().contains(own)) {
      errors.add(
          new Violation(
              "parties",
              "Your organisation must stay a party: choose it as one of the organisations"));
    }
    if (!errors.isEmpty()) {
      return EditorPages.invalid(
          pages
              .step(actor, got.value(), step.get(), form, pages.named(errors, converted.content()))
              .addObject("check", check));
    }
    Result<AgreementView> saved = agreements.updateDraft(actor, id, converted.content());
    if (!saved.ok()) {
      return saved.failure() == Result.Failure.INVALID
          ? EditorPages.invalid(
              pages
                  .step(
                      actor,
                      got.value(),
                      step.get(),
                      form,
                      pages.named(saved.violations(), converted.content()))
                  .addObject("check", check))
          : Pages.failure(saved);
    }
    if (step.get().asksDpia()) {
      // the page's answers are checked at once (the draft keeps them)
      List<Violation> gaps =
          form.dpiaGaps(saved.value().content(), EditorPages.CONTINUE.equals(action));
      if (!gaps.isEmpty()) {
        return EditorPages.invalid(
            pages.step(actor, saved.value(), step.get(), form, gaps).addObject("check", check));
      }
    }
    if (step.get().isParties() && EditorPages.CONTINUE.equals(action) && !check) {
      // next, the questions the actor's own organisation answers for itself
      int mine = saved.value().content().partyOrganisations().indexOf(own);
      return new ModelAndView(
          "redirect:/agreements/" + id + "/edit/" + Questions.PARTIES + "/" + (mine + 1));
    }
    return pages.afterSave(id, step.get(), action, check, redirect);
  }

  private static boolean noneOn(List<Violation> open, String page) {
    return open.stream()
        .noneMatch(v -> v.field() != null && Questions.pageOf(v.field()).orElse("").equals(page));
  }

  // ---------------------------------------------------------------- check your answers, submit

  @GetMapping("/agreements/{id}/edit/check")
  ModelAndView checkAnswers(@PathVariable String id, Authentication auth) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = pages.draft(actor, id);
    if (!got.ok()) {
      return EditorPages.notEditable(got, id);
    }
    // before submitting: mark each required answer still missing (submit's own check)
    ModelAndView page = checkPage(got.value(), List.of());
    return page.addObject(
        "missing",
        missing(pages.named(agreements.check(actor, id).orElseThrow(), got.value().content())));
  }

  /** The message of each answer a check finds missing or wrong, by field (first one each). */
  private static Map<String, String> missing(List<Violation> open) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Violation v : open) {
      if (v.field() != null) {
        out.putIfAbsent(v.field(), v.message());
      }
    }
    return out;
  }

  @PostMapping("/agreements/{id}/submit")
  ModelAndView submit(@PathVariable String id, Authentication auth, RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> submitted = agreements.submit(actor, id);
    if (submitted.ok()) {
      redirect.addFlashAttribute(
          "success",
          "Submitted for approval. Each party's data protection officer can now approve version "
              + submitted.value().currentVersion()
              + ".");
      return new ModelAndView("redirect:/agreements/" + id);
    }
    if (submitted.failure() != Result.Failure.INVALID) {
      return Pages.failure(submitted);
    }
    AgreementView a = agreements.get(actor, id).orElseThrow();
    return EditorPages.invalid(
        checkPage(a, pages.named(submitted.violations(), a.content()))
            .addObject("missing", missing(pages.named(submitted.violations(), a.content()))));
  }

  private ModelAndView checkPage(AgreementView a, List<Violation> violations) {
    ModelAndView mav = new ModelAndView("agreement-check");
    mav.addObject("agreement", a);
    mav.addObject("sections", Questions.STEPS);
    mav.addObject("partyQuestions", Questions.PARTY);
    mav.addObject("roles", Questions.ROLES);
    String edit = "/agreements/" + a.id() + "/edit/";
    mav.addObject(
        "errors",
        violations.stream()
            .map(
                v ->
                    Questions.pageOf(v.field())
                        .map(
                            page ->
                                new Pages.ErrorLink(
                                    v.field(),
                                    Questions.anchor(DraftForm.shownOn(v.field(), a.content())),
                                    v.message(),
                                    edit + page + "?check=true"))
                        // about the agreement as a whole: there is nothing to link to but submit
                        .orElse(new Pages.ErrorLink(v.field(), "submit-agreement", v.message())))
            .toList());
    return mav;
  }

  private static boolean started(Section step, AgreementContent content) {
    return step.isParties()
        ? !content.parties().isEmpty()
        : step.questions().stream().anyMatch(q -> content.fields().containsKey(q.name()));
  }

  private static Section first() {
    return Questions.STEPS.get(0);
  }

  private static DraftForm newDraft(Actor actor) {
    return DraftForm.forOrganisation(actor.organisation().orElseThrow());
  }

  private static boolean member(Actor actor) {
    return actor.organisation().isPresent()
        && (actor.has(Actor.Role.PARTNER) || actor.has(Actor.Role.DPO));
  }

  private static ModelAndView notMember() {
    return Pages.problem(
        HttpStatus.FORBIDDEN,
        "You cannot draft agreements",
        "Only staff of a member organisation can draft agreements.");
  }
}
