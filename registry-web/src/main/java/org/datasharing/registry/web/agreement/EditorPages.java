package org.datasharing.registry.web.agreement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.datasharing.registry.web.pages.Labels;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.pages.Questions;
import org.datasharing.registry.web.pages.Questions.Section;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the editor's pages share: the draft the actor may edit, a question page with its offered
 * answers and errors, how a party and its answers' errors are named, and where a save goes next.
 */
@Component
class EditorPages {
  static final String CONTINUE = "continue";
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

  EditorPages(
      AgreementService agreements,
      CatalogService catalog,
      ReferenceData reference,
      OrganisationService organisations,
      AccessRequests accessRequests,
      Labels labels) {
    this.agreements = agreements;
    this.catalog = catalog;
    this.reference = reference;
    this.organisations = organisations;
    this.accessRequests = accessRequests;
    this.labels = labels;
  }

  /** The concepts of each scheme the questions offer, by scheme. */
  Map<String, List<ReferenceData.Concept>> concepts() {
    Map<String, List<ReferenceData.Concept>> concepts = new LinkedHashMap<>();
    for (String scheme : SCHEMES) {
      concepts.put(scheme, reference.concepts(scheme));
    }
    return concepts;
  }

  /** The errors shown: the summary linked to the inputs, and each input's first message. */
  static ModelAndView withErrors(ModelAndView mav, List<Violation> shown) {
    mav.addObject("errors", Pages.errorLinks(shown));
    Map<String, String> fieldErrors = new LinkedHashMap<>();
    for (Violation v : shown) {
      fieldErrors.putIfAbsent(v.field(), v.message());
    }
    mav.addObject("fieldErrors", fieldErrors);
    return mav;
  }

  /** "Party 2 (Northshire NHS Foundation Trust)": how pages name a party. */
  String partyName(int i, String org) {
    return "Party "
        + (i + 1)
        + (org == null || org.isBlank() ? "" : " (" + labels.organisation(org) + ")");
  }

  /** The violations, each about a party's answer saying which party it is about. */
  List<Violation> named(List<Violation> violations, AgreementContent content) {
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

  ModelAndView afterSave(
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

  // ---------------------------------------------------------------- shared

  /** The agreement, if the actor may edit it and it (or its amendment) is a draft. */
  Result<AgreementView> draft(Actor actor, String id) {
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
  Set<String> unseenDatasets(Actor actor, AgreementView a) {
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
  static ModelAndView notEditable(Result<AgreementView> got, String id) {
    return got.failure() == Result.Failure.CONFLICT
        ? new ModelAndView("redirect:/agreements/" + id)
        : Pages.failure(got);
  }

  ModelAndView step(
      Actor actor, AgreementView agreement, Section step, DraftForm form, List<Violation> shown) {
    ModelAndView mav = new ModelAndView("agreement-step");
    mav.addObject("agreement", agreement);
    mav.addObject("step", step);
    mav.addObject("form", form);
    mav.addObject("partyQuestions", Questions.PARTY.subList(0, 2)); // who, and in what role
    mav.addObject("roles", Questions.ROLES);
    mav.addObject("check", false);
    mav.addObject("dpiaQuestion", Questions.DPIA_QUESTION);
    Map<String, List<ReferenceData.Concept>> concepts = concepts();
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
    return withErrors(mav, shown);
  }

  static ModelAndView invalid(ModelAndView mav) {
    mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    return mav;
  }
}
