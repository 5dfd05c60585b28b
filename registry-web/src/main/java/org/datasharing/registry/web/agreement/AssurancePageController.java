package org.datasharing.registry.web.agreement;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.web.pages.Labels;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An organisation's assurance on record, and the form its DPO (or the registry administrator) uses
 * to record it: DSPT status and year, Cyber Essentials (Plus) and ISO 27001 certificates, each with
 * its dates and an evidence link. Saving calls {@link OrganisationService#recordAssurance}.
 */
@Controller
@PageController
class AssurancePageController {
  /** The schemes the form asks about, in order; only the DSPT has a status and a year. */
  static final List<String> SCHEMES =
      List.of("dspt", "cyber-essentials", "cyber-essentials-plus", "iso-27001");

  /** The Data Security and Protection Toolkit's statuses. */
  static final List<String> DSPT_STATUSES =
      List.of("Standards Exceeded", "Standards Met", "Approaching Standards", "Standards Not Met");

  private static final Pattern INDEXED = Pattern.compile("assurances\\[(\\d+)]\\.(\\w+)");

  private final OrganisationService organisations;
  private final Labels labels;
  private final Clock clock;

  AssurancePageController(OrganisationService organisations, Labels labels, Clock clock) {
    this.organisations = organisations;
    this.labels = labels;
    this.clock = clock;
  }

  /** One scheme's row: its certificate on record (or none) and whether it counts today. */
  record Row(String scheme, String label, Organisation.Assurance assurance, boolean valid) {}

  @GetMapping("/organisations/{id}/assurance")
  ModelAndView show(@PathVariable String id, Authentication auth) {
    Optional<Organisation> o = organisations.get(id);
    if (o.isEmpty()) {
      return Pages.notFound("No organisation " + id);
    }
    return page(Actors.of(auth), o.get(), values(o.get()), List.of());
  }

  @PostMapping("/organisations/{id}/assurance")
  ModelAndView record(
      @PathVariable String id,
      @RequestParam Map<String, String> form,
      Authentication auth,
      RedirectAttributes redirect) {
    Actor actor = Actors.of(auth);
    Optional<Organisation> o = organisations.get(id);
    if (o.isEmpty()) {
      return Pages.notFound("No organisation " + id);
    }
    if (!mayRecord(actor, id)) {
      return Pages.problem(
          HttpStatus.FORBIDDEN,
          "You cannot see or do this",
          "Only the organisation's own DPO or the registry administrator can record its assurance");
    }
    List<Pages.ErrorLink> errors = new ArrayList<>();
    List<Organisation.Assurance> asked = new ArrayList<>();
    for (String scheme : SCHEMES) {
      read(scheme, form, errors).ifPresent(asked::add);
    }
    if (errors.isEmpty()) {
      Result<Organisation> r = organisations.recordAssurance(actor, id, asked);
      if (r.ok()) {
        redirect.addFlashAttribute(
            "success", "The assurance of " + r.value().name() + " is recorded.");
        return new ModelAndView("redirect:/organisations/" + id + "/assurance");
      }
      if (r.failure() != Result.Failure.INVALID) {
        return Pages.failure(r);
      }
      r.violations()
          .forEach(
              v -> {
                Matcher m = INDEXED.matcher(v.field());
                String anchor =
                    m.matches() && Integer.parseInt(m.group(1)) < asked.size()
                        ? asked.get(Integer.parseInt(m.group(1))).scheme() + "-" + input(m.group(2))
                        : SCHEMES.get(0) + "-level";
                errors.add(new Pages.ErrorLink(v.field(), anchor, v.message()));
              });
    }
    ModelAndView mav = page(actor, o.get(), form, errors);
    mav.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    return mav;
  }

  /** The id of the first input of a field of a certificate (a date's is its day). */
  private static String input(String field) {
    return field.equals("validFrom") || field.equals("validUntil") ? field + "-day" : field;
  }

  private boolean mayRecord(Actor actor, String id) {
    return actor.has(Actor.Role.REGISTRY_ADMIN) || actor.dpoOf(id);
  }

  private ModelAndView page(
      Actor actor, Organisation o, Map<String, String> values, List<Pages.ErrorLink> errors) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<Row> rows = new ArrayList<>();
    for (String scheme : SCHEMES) {
      Organisation.Assurance a =
          o.assurances().stream().filter(x -> scheme.equals(x.scheme())).findFirst().orElse(null);
      boolean valid =
          a != null
              && a.validUntil() != null
              && Organisation.Assurance.counts(parse(a.validUntil()), today);
      rows.add(new Row(scheme, labels.concept("assurance-scheme", scheme), a, valid));
    }
    ModelAndView mav = new ModelAndView("organisation-assurance");
    mav.addObject("organisation", o);
    mav.addObject("rows", rows);
    mav.addObject("canRecord", mayRecord(actor, o.id()));
    mav.addObject("values", values);
    mav.addObject("errors", errors);
    Map<String, String> errorAt = new LinkedHashMap<>();
    errors.forEach(e -> errorAt.putIfAbsent(e.anchor(), e.message()));
    mav.addObject("errorAt", errorAt);
    mav.addObject("statuses", DSPT_STATUSES);
    return mav;
  }

  private static LocalDate parse(String iso) {
    try {
      return LocalDate.parse(iso);
    } catch (DateTimeException e) {
      return LocalDate.MIN;
    }
  }

  /** The form's values for what is on record, by input name. */
  private static Map<String, String> values(Organisation o) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Organisation.Assurance a : o.assurances()) {
      String p = a.scheme() + "-";
      put(out, p + "level", a.level());
      put(out, p + "year", a.year());
      put(out, p + "certificate", a.certificate());
      put(out, p + "evidence", a.evidence());
      date(out, p + "validFrom", a.validFrom());
      date(out, p + "validUntil", a.validUntil());
    }
    return out;
  }

  private static void put(Map<String, String> out, String name, String value) {
    if (value != null) {
      out.put(name, value);
    }
  }

  private static void date(Map<String, String> out, String name, String iso) {
    if (iso == null) {
      return;
    }
    LocalDate d = parse(iso);
    if (d != LocalDate.MIN) {
      out.put(name + "-day", String.valueOf(d.getDayOfMonth()));
      out.put(name + "-month", String.valueOf(d.getMonthValue()));
      out.put(name + "-year", String.valueOf(d.getYear()));
    }
  }

  /** One scheme's certificate from the form; none when all its answers are blank. */
  private Optional<Organisation.Assurance> read(
      String scheme, Map<String, String> form, List<Pages.ErrorLink> errors) {
    String p = scheme + "-";
    String label = labels.concept("assurance-scheme", scheme);
    boolean dspt = scheme.equals("dspt");
    String level = dspt ? value(form, p + "level") : "Certified";
    String year = dspt ? value(form, p + "year") : "";
    String certificate = dspt ? "" : value(form, p + "certificate");
    String evidence = value(form, p + "evidence");
    String from = dateParts(form, p + "validFrom");
    String until = dateParts(form, p + "validUntil");
    boolean any =
        (dspt && !level.isEmpty())
            || !year.isEmpty()
            || !certificate.isEmpty()
            || !evidence.isEmpty()
            || !from.isEmpty()
            || !until.isEmpty();
    if (!any) {
      return Optional.empty();
    }
    int before = errors.size();
    if (level.isEmpty()) {
      errors.add(new Pages.ErrorLink(p + "level", p + "level", "Select the " + label + " status"));
    }
    Optional<String> validFrom = date(form, p + "validFrom", label, "date it became valid", errors);
    Optional<String> validUntil = date(form, p + "validUntil", label, "expiry date", errors);
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new Organisation.Assurance(
            scheme,
            level,
            validFrom.orElseThrow(),
            validUntil.orElseThrow(),
            blankToNull(certificate),
            blankToNull(year),
            blankToNull(evidence)));
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static String value(Map<String, String> form, String name) {
    return form.getOrDefault(name, "").strip();
  }

  private static String dateParts(Map<String, String> form, String name) {
    return value(form, name + "-day") + value(form, name + "-month") + value(form, name + "-year");
  }

  private static Optional<String> date(
      Map<String, String> form,
      String name,
      String label,
      String what,
      List<Pages.ErrorLink> errors) {
    String anchor = name + "-day";
    if (dateParts(form, name).isEmpty()) {
      errors.add(new Pages.ErrorLink(name, anchor, "Enter the " + what + " of the " + label));
      return Optional.empty();
    }
    try {
      int y = Integer.parseInt(value(form, name + "-year"));
      if (y < 1900 || y > 9999) {
        throw new DateTimeException("year out of range");
      }
      return Optional.of(
          LocalDate.of(
                  y,
                  Integer.parseInt(value(form, name + "-month")),
                  Integer.parseInt(value(form, name + "-day")))
              .toString());
    } catch (NumberFormatException | DateTimeException e) {
      errors.add(
          new Pages.ErrorLink(
              name, anchor, "The " + what + " of the " + label + " must be a real date"));
      return Optional.empty();
    }
  }
}
