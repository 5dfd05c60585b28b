package org.datasharing.registry.web.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
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
 * The agreement editor: one page with every ICO checklist item (see {@link Questions}), pick lists
 * from the SKOS reference schemes. "Save draft" keeps incomplete answers; "Submit for approval"
 * saves, then submits, and shows each SHACL violation in a GOV.UK error summary linked to its
 * input.
 */
@Controller
class AgreementEditorController {
  private static final String SUBMIT = "submit";

  private final Registry registry;

  AgreementEditorController(Registry registry) {
    this.registry = registry;
  }

  @GetMapping("/agreements/new")
  ModelAndView create(Authentication auth) {
    Actor actor = Actors.of(auth);
    if (!member(actor)) {
      return notMember();
    }
    return editor(actor, null, DraftForm.forOrganisation(actor.organisation().get()), List.of());
  }

  @PostMapping("/agreements/new")
  ModelAndView createPosted(
      @RequestParam MultiValueMap<String, String> params,
      @RequestParam(defaultValue = "save") String action,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    if (!member(actor)) {
      return notMember();
    }
    DraftForm form = DraftForm.of(params);
    DraftForm.Converted converted = form.convert();
    if (!converted.errors().isEmpty()) {
      return invalid(editor(actor, null, form, converted.errors()));
    }
    Result<AgreementView> created =
        registry.agreements().createDraft(actor, Optional.empty(), converted.content());
    if (!created.ok()) {
      return created.failure() == Result.Failure.INVALID
          ? invalid(editor(actor, null, form, created.violations()))
          : Pages.failure(created);
    }
    return afterSave(actor, created.value().id(), action, redirect);
  }

  @GetMapping("/agreements/{id}/edit")
  ModelAndView edit(@PathVariable String id, Authentication auth) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = registry.agreements().get(actor, id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    AgreementView a = got.value();
    if (a.amendmentStatus().orElse(a.status()) != AgreementStatus.DRAFT) {
      return new ModelAndView("redirect:/agreements/" + id);
    }
    return editor(actor, a, DraftForm.of(a.content()), List.of());
  }

  @PostMapping("/agreements/{id}/edit")
  ModelAndView save(
      @PathVariable String id,
      @RequestParam MultiValueMap<String, String> params,
      @RequestParam(defaultValue = "save") String action,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Result<AgreementView> got = registry.agreements().get(actor, id);
    if (!got.ok()) {
      return Pages.failure(got);
    }
    DraftForm form = DraftForm.of(params);
    DraftForm.Converted converted = form.convert();
    if (!converted.errors().isEmpty()) {
      return invalid(editor(actor, got.value(), form, converted.errors()));
    }
    Result<AgreementView> saved = registry.agreements().updateDraft(actor, id, converted.content());
    if (!saved.ok()) {
      return saved.failure() == Result.Failure.INVALID
          ? invalid(editor(actor, got.value(), form, saved.violations()))
          : Pages.failure(saved);
    }
    return afterSave(actor, id, action, redirect);
  }

  private ModelAndView afterSave(
      Actor actor, String id, String action, RedirectAttributes redirect) {
    if (!SUBMIT.equals(action)) {
      redirect.addFlashAttribute("success", "Draft saved.");
      return new ModelAndView("redirect:/agreements/" + id + "/edit");
    }
    Result<AgreementView> submitted = registry.agreements().submit(actor, id);
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
    // the answers are saved: show them as the core now holds them, so party indices match
    AgreementView a = registry.agreements().get(actor, id).orElseThrow();
    ModelAndView mav = editor(actor, a, DraftForm.of(a.content()), submitted.violations());
    mav.addObject("saved", true);
    return invalid(mav);
  }

  private ModelAndView editor(
      Actor actor, AgreementView agreement, DraftForm form, List<Violation> violations) {
    ModelAndView mav = new ModelAndView("agreement-edit");
    mav.addObject("agreement", agreement);
    mav.addObject("form", form);
    mav.addObject("sections", Questions.SECTIONS);
    mav.addObject("partyQuestions", Questions.PARTY);
    mav.addObject("roles", Questions.ROLES);
    Map<String, List<ReferenceData.Concept>> concepts = new LinkedHashMap<>();
    for (String scheme :
        List.of(
            "purpose",
            "data-category",
            "data-subject",
            "assurance-scheme",
            "lawful-basis",
            "special-category-condition",
            "dpa-schedule-1")) {
      concepts.put(scheme, registry.reference().concepts(scheme));
    }
    mav.addObject("concepts", concepts);
    mav.addObject("organisations", registry.organisations().list());
    List<String> parties = form.partyOrganisations();
    List<String> chosen = form.list("datasets");
    List<Dataset> offered =
        registry.catalog().list(actor).stream()
            .filter(d -> parties.contains(d.publisher()) || chosen.contains(d.id()))
            .toList();
    mav.addObject("datasets", offered);
    mav.addObject("errors", Pages.errorLinks(violations));
    Map<String, String> fieldErrors = new LinkedHashMap<>();
    for (Violation v : violations) {
      fieldErrors.putIfAbsent(v.field(), v.message());
    }
    mav.addObject("fieldErrors", fieldErrors);
    return mav;
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
