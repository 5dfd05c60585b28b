package org.datasharing.registry.web.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.datasharing.registry.core.access.AccessRequests;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.agreement.Field;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.web.security.Actors;
import org.datasharing.registry.web.ui.Questions.Section;
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
class AgreementEditorController {
  private static final String CONTINUE = "continue";
  private static final List<String> SCHEMES =
      List.of(
          "purpose",
          "data-category",
          "data-subject",
          "assurance-scheme",
          "lawful-basis",
          "special-category-condition",
          "dpa-schedule-1",
          "confidentiality-basis",
          "dpia-outcome",
          "risk-level",
          "international-transfer",
          "transfer-mechanism",
          "country");

  private final AgreementService agreements;
  private final CatalogService catalog;
  private final ReferenceData reference;
  private final OrganisationService organisations;
  private final AccessRequests accessRequests;

  AgreementEditorController(
      AgreementService agreements,
      CatalogService catalog,
      ReferenceData reference,
      OrganisationService organisations,
      AccessRequests accessRequests) {
    this.agreements = agreements;
    this.catalog = catalog;
    this.reference = reference;
    this.organisations = organisations;
    this.accessRequests = accessRequests;
  }

  /** One row of the task list. */
  record Task(Section step, boolean started, boolean complete) {}

  // ---------------------------------------------------------------- a new draft: its first page

  @GetMapping("/agreements/new")
  ModelAndView create(Authentication auth) {
    Actor actor = Actors.of(auth);
    if (!member(actor)) {
      return notMember();
    }
    return step(actor, null, first(), newDraft(actor), List.of());
  }

  @PostMapping("/agreements/new")
  ModelAndView createPosted(
      @RequestParam MultiValueMap<String, String> params,
      @RequestParam(defaultValue = CONTINUE) String action,
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
      return invalid(step(actor, null, first(), form, errors));
    }
    Result<AgreementView> created =
        agreements.createDraft(actor, Optional.empty(), converted.content());
    if (!created.ok()) {
      return created.failure() == Result.Failure.INVALID
          ? invalid(step(actor, null, first(), form, created.violations()))
          : Pages.failure(created);
    }
    return afterSave(created.value().id(), first(), action, redirect);
  }

  // ---------------------------------------------------------------- the task list

  @GetMapping("/agreements/{id}/edit")
  ModelAndView tasks(@PathVariable String id, Authentication auth) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = draft(actor, id);
    if (!got.ok()) {
      return notEditable(got, id);
    }
    AgreementView a = got.value();
    List<Violation> open = agreements.check(actor, id).orElseThrow();
    List<Task> tasks =
        Questions.STEPS.stream()
            .map(
                s ->
                    new Task(
                        s,
                        started(s, a.content()),
                        open.stream().noneMatch(v -> v.field() != null && s.asks(v.field()))))
            .toList();
    ModelAndView mav = new ModelAndView("agreement-tasks");
    mav.addObject("agreement", a);
    mav.addObject("tasks", tasks);
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
    Result<AgreementView> got = draft(actor, id);
    if (!got.ok()) {
      return notEditable(got, id);
    }
    List<Violation> shown = List.of();
    if (check) { // sent here from a refused submit: show what this page must fix
      shown =
          agreements.check(actor, id).orElseThrow().stream()
              .filter(v -> v.field() != null && step.get().asks(v.field()))
              .toList();
    }
    return step(actor, got.value(), step.get(), DraftForm.of(got.value().content()), shown);
  }

  @PostMapping("/agreements/{id}/edit/{slug}")
  ModelAndView save(
      @PathVariable String id,
      @PathVariable String slug,
      @RequestParam MultiValueMap<String, String> params,
      @RequestParam(defaultValue = CONTINUE) String action,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Optional<Section> step = Questions.step(slug);
    if (step.isEmpty()) {
      return Pages.notFound("There is no question page called " + slug + ".");
    }
    Result<AgreementView> got = draft(actor, id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    DraftForm form = DraftForm.of(params);
    DraftForm.Converted converted =
        form.mergeInto(got.value().content(), step.get(), unseenDatasets(actor, got.value()));
    List<Violation> errors = new ArrayList<>(converted.errors());
    String own = actor.organisation().orElse("");
    if (step.get().isParties() && !converted.content().partyOrganisations().contains(own)) {
      errors.add(
          new Violation(
              "parties",
              "Your organisation must stay a party: choose it as one of the organisations"));
    }
    if (!errors.isEmpty()) {
      return invalid(step(actor, got.value(), step.get(), form, errors));
    }
    Result<AgreementView> saved = agreements.updateDraft(actor, id, converted.content());
    if (!saved.ok()) {
      return saved.failure() == Result.Failure.INVALID
          ? invalid(step(actor, got.value(), step.get(), form, saved.violations()))
          : Pages.failure(saved);
    }
    return afterSave(id, step.get(), action, redirect);
  }

  private ModelAndView afterSave(
      String id, Section step, String action, RedirectAttributes redirect) {
    String base = "redirect:/agreements/" + id + "/edit";
    if (!CONTINUE.equals(action)) {
      redirect.addFlashAttribute("success", "Your answers are saved.");
      return new ModelAndView(base);
    }
    return new ModelAndView(
        Questions.next(step).map(n -> base + "/" + n.slug()).orElse(base + "/check"));
  }

  // ---------------------------------------------------------------- check your answers, submit

  @GetMapping("/agreements/{id}/edit/check")
  ModelAndView checkAnswers(@PathVariable String id, Authentication auth) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = draft(actor, id);
    if (!got.ok()) {
      return notEditable(got, id);
    }
    return checkPage(got.value(), List.of());
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
    return invalid(checkPage(a, submitted.violations()));
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
                    Questions.stepOf(v.field())
                        .map(
                            s ->
                                new Pages.ErrorLink(
                                    v.field(),
                                    Questions.anchor(v.field()),
                                    v.message(),
                                    edit + s.slug() + "?check=true"))
                        // about the agreement as a whole: there is nothing to link to but submit
                        .orElse(new Pages.ErrorLink(v.field(), "submit-agreement", v.message())))
            .toList());
    return mav;
  }

  // ---------------------------------------------------------------- shared

  /** The agreement, if the actor may edit it and it (or its amendment) is a draft. */
  private Result<AgreementView> draft(Actor actor, String id) {
    Result<AgreementView> got = agreements.get(actor, id);
    if (!got.ok()) {
      return got;
    }
    AgreementView a = got.value();
    String own = actor.organisation().orElse("");
    if (!a.content().partyOrganisations().contains(own) || !actor.memberOf(own)) {
      return Result.forbidden("Only staff of a party can edit agreement " + id + ".");
    }
    if (a.amendmentStatus().orElse(a.status()) != AgreementStatus.DRAFT) {
      return Result.conflict("Agreement " + id + " is not a draft.");
    }
    return got;
  }

  /**
   * Datasets of the draft that this author is not shown (hidden by another publisher): a save of
   * the data page keeps them, since its checkboxes cannot offer them.
   */
  private Set<String> unseenDatasets(Actor actor, AgreementView a) {
    Object chosen = a.content().fields().get(Field.DATASETS.apiName());
    if (!(chosen instanceof List<?> ids)) {
      return Set.of();
    }
    Set<String> seen = catalog.list(actor).stream().map(Dataset::id).collect(Collectors.toSet());
    return ids.stream()
        .map(String::valueOf)
        .filter(d -> !seen.contains(d))
        .collect(Collectors.toSet());
  }

  /**
   * The purposes to offer: when the draft's datasets (those the actor sees) permit only some, those
   * every one of them permits, plus any already chosen, so no answer disappears unseen.
   */
  private List<ReferenceData.Concept> offeredPurposes(
      Actor actor, DraftForm form, List<ReferenceData.Concept> all) {
    List<String> chosenDatasets = form.list("datasets");
    Set<String> permitted = null;
    for (Dataset d : catalog.list(actor)) {
      if (!chosenDatasets.contains(d.id())) {
        continue;
      }
      List<String> codes = accessRequests.permittedPurposeCodes(d);
      if (!codes.isEmpty()) {
        if (permitted == null) {
          permitted = new java.util.HashSet<>(codes);
        } else {
          permitted.retainAll(codes);
        }
      }
    }
    if (permitted == null) {
      return all;
    }
    Set<String> offered = permitted;
    List<String> chosen = form.list("purposes");
    return all.stream()
        .filter(c -> offered.contains(c.code()) || chosen.contains(c.code()))
        .toList();
  }

  /** An agreement no longer a draft shows its page; anything else is the failure's page. */
  private static ModelAndView notEditable(Result<AgreementView> got, String id) {
    return got.failure() == Result.Failure.CONFLICT
        ? new ModelAndView("redirect:/agreements/" + id)
        : Pages.failure(got);
  }

  private ModelAndView step(
      Actor actor, AgreementView agreement, Section step, DraftForm form, List<Violation> shown) {
    ModelAndView mav = new ModelAndView("agreement-step");
    mav.addObject("agreement", agreement);
    mav.addObject("step", step);
    mav.addObject("form", form);
    mav.addObject("partyQuestions", Questions.PARTY);
    mav.addObject("roles", Questions.ROLES);
    Map<String, List<ReferenceData.Concept>> concepts = new LinkedHashMap<>();
    for (String scheme : SCHEMES) {
      concepts.put(scheme, reference.concepts(scheme));
    }
    concepts.put("purpose", offeredPurposes(actor, form, concepts.get("purpose")));
    mav.addObject("concepts", concepts);
    mav.addObject("organisations", organisations.list());
    // the parties are asked on their own page: offer the datasets of the draft's parties
    List<String> parties =
        agreement != null ? agreement.content().partyOrganisations() : form.partyOrganisations();
    List<String> chosen = form.list("datasets");
    List<Dataset> offered =
        catalog.list(actor).stream()
            .filter(d -> parties.contains(d.publisher()) || chosen.contains(d.id()))
            .toList();
    mav.addObject("datasets", offered);
    mav.addObject("errors", Pages.errorLinks(shown));
    Map<String, String> fieldErrors = new LinkedHashMap<>();
    for (Violation v : shown) {
      fieldErrors.putIfAbsent(v.field(), v.message());
    }
    mav.addObject("fieldErrors", fieldErrors);
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

  private static ModelAndView invalid(ModelAndView mav) {
    mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    return mav;
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
