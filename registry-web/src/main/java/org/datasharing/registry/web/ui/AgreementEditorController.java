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
import org.datasharing.registry.core.agreement.AgreementPolicy;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
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
  private final Labels labels;
  private final String sessionTimeout;

  AgreementEditorController(
      AgreementService agreements,
      CatalogService catalog,
      ReferenceData reference,
      OrganisationService organisations,
      AccessRequests accessRequests,
      Labels labels,
      @Value("${server.servlet.session.timeout:30m}") String sessionTimeout) {
    this.agreements = agreements;
    this.catalog = catalog;
    this.reference = reference;
    this.organisations = organisations;
    this.accessRequests = accessRequests;
    this.labels = labels;
    this.sessionTimeout = sessionTimeout;
  }

  /** How long a signed-in page's session lasts: its timeout warning counts down to the end. */
  @ModelAttribute("sessionTimeout")
  String sessionTimeout() {
    return sessionTimeout;
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
    return afterSave(created.value().id(), first(), action, false, redirect);
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
    return step(actor, got.value(), step.get(), DraftForm.of(got.value().content()), shown)
        .addObject("check", check);
  }

  @PostMapping("/agreements/{id}/edit/{slug}")
  ModelAndView save(
      @PathVariable String id,
      @PathVariable String slug,
      @RequestParam MultiValueMap<String, String> params,
      @RequestParam(defaultValue = CONTINUE) String action,
      @RequestParam(defaultValue = "false") boolean check,
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
      return invalid(
          step(actor, got.value(), step.get(), form, named(errors, converted.content()))
              .addObject("check", check));
    }
    Result<AgreementView> saved = agreements.updateDraft(actor, id, converted.content());
    if (!saved.ok()) {
      return saved.failure() == Result.Failure.INVALID
          ? invalid(
              step(
                      actor,
                      got.value(),
                      step.get(),
                      form,
                      named(saved.violations(), converted.content()))
                  .addObject("check", check))
          : Pages.failure(saved);
    }
    if (step.get().asksDpia()) {
      // the page's answers are checked at once (the draft keeps them)
      List<Violation> gaps = form.dpiaGaps(saved.value().content(), CONTINUE.equals(action));
      if (!gaps.isEmpty()) {
        return invalid(
            step(actor, saved.value(), step.get(), form, gaps).addObject("check", check));
      }
    }
    if (step.get().isParties() && CONTINUE.equals(action) && !check) {
      // next, the questions the actor's own organisation answers for itself
      int mine = saved.value().content().partyOrganisations().indexOf(own);
      return new ModelAndView(
          "redirect:/agreements/" + id + "/edit/" + Questions.PARTIES + "/" + (mine + 1));
    }
    return afterSave(id, step.get(), action, check, redirect);
  }

  // ---------------------------------------------------------------- one party's own answers

  @GetMapping("/agreements/{id}/edit/parties/{n}")
  ModelAndView party(
      @PathVariable String id,
      @PathVariable int n,
      @RequestParam(defaultValue = "false") boolean check,
      Authentication auth) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = draft(actor, id);
    if (!got.ok()) {
      return notEditable(got, id);
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
    return partyPage(actor, a, n - 1, a.content(), named(shown, a.content()), check);
  }

  @PostMapping("/agreements/{id}/edit/parties/{n}")
  ModelAndView saveParty(
      @PathVariable String id,
      @PathVariable int n,
      @RequestParam MultiValueMap<String, String> params,
      @RequestParam(defaultValue = CONTINUE) String action,
      @RequestParam(defaultValue = "false") boolean check,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = draft(actor, id);
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
          partyName(i, org)
              + " answers for itself: only its own staff can give or change its answers.");
    }
    AgreementContent merged =
        DraftForm.mergeParty(params, a.content(), i, asked(a.content(), i, List.of()));
    Result<AgreementView> saved = agreements.updateDraft(actor, id, merged);
    if (!saved.ok()) {
      return saved.failure() == Result.Failure.INVALID
          ? invalid(partyPage(actor, a, i, merged, named(saved.violations(), merged), check))
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
      return invalid(partyPage(actor, saved.value(), i, merged, named(wrong, merged), check));
    }
    return afterSave(id, Questions.step(Questions.PARTIES).orElseThrow(), action, check, redirect);
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
    mav.addObject("partyName", partyName(i, org));
    mav.addObject("mine", AgreementPolicy.answersFor(actor, org));
    mav.addObject("questions", asked(content, i, shown));
    mav.addObject("party", content.parties().get(i));
    mav.addObject("form", DraftForm.of(content));
    mav.addObject("check", check);
    Map<String, List<ReferenceData.Concept>> concepts = new LinkedHashMap<>();
    for (String scheme : SCHEMES) {
      concepts.put(scheme, reference.concepts(scheme));
    }
    mav.addObject("concepts", concepts);
    // live: the party's standing against the assurance the draft requires, by submit's own check
    Result<List<AgreementService.PartyAssurance>> assurance = agreements.assurance(actor, a.id());
    mav.addObject(
        "partyAssurance",
        assurance.ok()
            ? assurance.value().stream().filter(s -> s.organisation().equals(org)).toList()
            : List.of());
    mav.addObject("errors", Pages.errorLinks(shown));
    Map<String, String> fieldErrors = new LinkedHashMap<>();
    for (Violation v : shown) {
      fieldErrors.putIfAbsent(v.field(), v.message());
    }
    mav.addObject("fieldErrors", fieldErrors);
    return mav;
  }

  /** "Party 2 (Northshire NHS Foundation Trust)": how pages name a party. */
  private String partyName(int i, String org) {
    return "Party "
        + (i + 1)
        + (org == null || org.isBlank() ? "" : " (" + labels.organisation(org) + ")");
  }

  /** The violations, each about a party's answer saying which party it is about. */
  private List<Violation> named(List<Violation> violations, AgreementContent content) {
    List<String> orgs = content.partyOrganisations();
    return violations.stream()
        .map(
            v -> {
              int i = Questions.partyIndex(v.field());
              if (i < 0) {
                return v;
              }
              String m = v.message();
              String lower = m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
              return new Violation(
                  v.field(), partyName(i, i < orgs.size() ? orgs.get(i) : "") + ": " + lower);
            })
        .toList();
  }

  private static boolean noneOn(List<Violation> open, String page) {
    return open.stream()
        .noneMatch(v -> v.field() != null && Questions.pageOf(v.field()).orElse("").equals(page));
  }

  private ModelAndView afterSave(
      String id, Section step, String action, boolean check, RedirectAttributes redirect) {
    String base = "redirect:/agreements/" + id + "/edit";
    if (!CONTINUE.equals(action)) {
      redirect.addFlashAttribute("success", "Your answers are saved.");
      return new ModelAndView(base);
    }
    if (check) { // reached from "Check your answers": back there
      return new ModelAndView(base + "/check");
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
    // before submitting: mark each required answer still missing (submit's own check)
    ModelAndView page = checkPage(got.value(), List.of());
    return page.addObject(
        "missing",
        missing(named(agreements.check(actor, id).orElseThrow(), got.value().content())));
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
    return invalid(
        checkPage(a, named(submitted.violations(), a.content()))
            .addObject("missing", missing(named(submitted.violations(), a.content()))));
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
    mav.addObject("partyQuestions", Questions.PARTY.subList(0, 2)); // who, and in what role
    mav.addObject("roles", Questions.ROLES);
    mav.addObject("check", false);
    mav.addObject("dpiaQuestion", Questions.DPIA_QUESTION);
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
    if (step.asksDpia()) {
      // "a reference or a reason" while neither is chosen: the yes/no question is what to answer
      shown =
          shown.stream()
              .map(v -> new Violation(form.shownOn(v.field()), v.message()))
              .distinct()
              .toList();
    }
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
