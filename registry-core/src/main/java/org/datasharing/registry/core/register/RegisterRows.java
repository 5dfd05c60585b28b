package org.datasharing.registry.core.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.datasharing.registry.core.agreement.AgreementService.RegisterEntry;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.Field;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.register.PublicRegister.Clause;
import org.datasharing.registry.core.register.PublicRegister.PartyRow;
import org.datasharing.registry.core.register.PublicRegister.Row;

/**
 * Register entries in words: each entry flattened to a {@link Row} with labels for codes, names for
 * organisations and periods in words, with the full text of the version shown as {@link Clause}s.
 * {@link PublicRegister#rows} is the way in.
 */
final class RegisterRows {
  private final OrganisationService organisations;
  private final ReferenceData reference;
  private final Function<String, Optional<String>> datasetTitles;

  RegisterRows(
      OrganisationService organisations,
      ReferenceData reference,
      Function<String, Optional<String>> datasetTitles) {
    this.organisations = organisations;
    this.reference = reference;
    this.datasetTitles = datasetTitles;
  }

  List<Row> rows(List<RegisterEntry> entries) {
    Map<String, String> names = new java.util.HashMap<>();
    for (Organisation o : organisations.list()) {
      names.put(o.id(), o.name());
    }
    List<Row> out = new ArrayList<>();
    for (RegisterEntry e : entries) {
      Map<String, Object> f = e.summary().fields();
      List<PartyRow> parties = new ArrayList<>();
      for (Map<String, Object> p : e.summary().parties()) {
        String org = String.valueOf(p.get("organisation"));
        List<String> conditions = new ArrayList<>();
        condition(p, "specialCategoryCondition", "special-category-condition", conditions);
        condition(p, "schedule1Condition", "dpa-schedule-1", conditions);
        condition(p, "criminalOffenceCondition", "dpa-schedule-1", conditions);
        Object basis = p.get("lawfulBasis");
        parties.add(
            new PartyRow(
                org,
                names.getOrDefault(org, org),
                role(p.get("role")),
                basis == null ? "not stated" : label("lawful-basis", String.valueOf(basis)),
                text(p.get("statutoryPower")),
                List.copyOf(conditions),
                text(p.get(PublicRegister.CONTACT))));
      }
      out.add(
          new Row(
              e.id(),
              e.iri(),
              e.title(),
              PublicRegister.registerLabel(e.status()),
              e.status().phase().map(AgreementStatus.Phase::words).orElse(""),
              e.parties().stream().map(p -> names.getOrDefault(p, p)).toList(),
              labels("purpose", f.get("purposes")),
              text(f.get("purposeDescription")),
              text(f.get("benefits")),
              labels("data-category", f.get("personalDataCategories")),
              labels("data-subject", f.get("dataSubjectCategories")),
              Boolean.TRUE.equals(f.get("specialCategoryData")),
              Boolean.TRUE.equals(f.get("criminalOffenceData")),
              parties.stream().map(p -> p.name() + ": " + p.lawfulBasis()).toList(),
              parties.stream()
                  .filter(p -> !p.statutoryPower().isEmpty())
                  .map(p -> p.name() + ": " + p.statutoryPower())
                  .toList(),
              parties.stream()
                  .flatMap(p -> p.conditions().stream().map(c -> p.name() + ": " + c))
                  .toList(),
              date(f.get("startDate")),
              date(f.get("reviewDate")),
              date(f.get("endDate")),
              text(f.get("retentionPeriod")),
              durationWords(f.get("retentionDuration")),
              text(f.get("deletionArrangements")),
              text(f.get("dataSubjectRightsProcedure")),
              parties.stream()
                  .filter(p -> !p.contact().isEmpty())
                  .map(p -> p.name() + ": " + p.contact())
                  .toList(),
              Boolean.TRUE.equals(f.get("dpiaDone")),
              text(f.get("dpiaSummary")),
              f.get("internationalTransfer") == null
                  ? ""
                  : label("international-transfer", String.valueOf(f.get("internationalTransfer"))),
              f.get("transferMechanism") == null
                  ? ""
                  : label("transfer-mechanism", String.valueOf(f.get("transferMechanism"))),
              text(f.get("singlePointOfContact")),
              text(f.get("securityMeasures")),
              text(f.get("onwardDisclosure")),
              f.get("deidentification") == null
                  ? ""
                  : label("deidentification", String.valueOf(f.get("deidentification"))),
              List.copyOf(parties),
              e.versions(),
              fullText(e, names)));
    }
    return out;
  }

  /** Every clause of the version shown, in the order of the fields, agreement then parties. */
  private List<Clause> fullText(RegisterEntry e, Map<String, String> names) {
    List<Clause> out = new ArrayList<>();
    Map<String, Object> f = e.summary().fields();
    for (Field field : Field.values()) {
      Object v = f.get(field.apiName());
      if (field == Field.DATASETS) {
        if (v instanceof List<?> list) {
          list.forEach(
              d ->
                  out.add(
                      new Clause(
                          field.apiName(),
                          "",
                          datasetTitles.apply(String.valueOf(d)).orElse(String.valueOf(d)),
                          "")));
        }
        if (f.get("withheld") instanceof List<?> withheld) {
          withheld.forEach(w -> out.add(new Clause(field.apiName(), "", "", String.valueOf(w))));
        }
      } else if (v != null) {
        out.add(new Clause(field.apiName(), "", words(field.kind(), field.scheme(), v), ""));
      }
    }
    for (Map<String, Object> p : e.summary().parties()) {
      String orgId = String.valueOf(p.get("organisation"));
      String party = names.getOrDefault(orgId, orgId);
      for (Field.PartyField field : Field.PartyField.values()) {
        Object v = p.get(field.apiName());
        if (v != null) {
          String value =
              switch (field.kind()) {
                case ORGANISATION -> party;
                case ROLE -> role(v);
                default -> words(field.kind(), field.scheme(), v);
              };
          out.add(new Clause(field.apiName(), party, value, ""));
        }
      }
      if (p.get("withheld") != null) {
        out.add(new Clause("contact", party, "", String.valueOf(p.get("withheld"))));
      }
    }
    return List.copyOf(out);
  }

  /** A value in words: labels for codes, "Yes"/"No", periods in words, lists joined. */
  private String words(Field.Kind kind, String scheme, Object v) {
    return switch (kind) {
      case BOOLEAN -> Boolean.TRUE.equals(v) ? "Yes" : "No";
      case DURATION -> durationWords(v);
      case REF -> label(scheme, String.valueOf(v));
      case REF_LIST -> String.join("; ", labels(scheme, v));
      case TEXT_LIST ->
          v instanceof List<?> list
              ? String.join("; ", list.stream().map(String::valueOf).toList())
              : String.valueOf(v);
      default -> String.valueOf(v);
    };
  }

  private void condition(Map<String, Object> party, String field, String scheme, List<String> out) {
    Object code = party.get(field);
    if (code != null) {
      String label = label(scheme, String.valueOf(code));
      if (!out.contains(label)) {
        out.add(label);
      }
    }
  }

  /** "Controller" for dsr:Controller (or its code), "" when not stated. */
  private static String role(Object role) {
    if (role == null) {
      return "";
    }
    String r = String.valueOf(role);
    r = r.substring(Math.max(r.lastIndexOf('#'), r.lastIndexOf('/')) + 1);
    String words = r.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return words.isEmpty() ? "" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** An ISO 8601 period in words ("P8Y" is "8 years", "P1Y6M" "1 year and 6 months"). */
  static String durationWords(Object iso) {
    if (iso == null) {
      return "";
    }
    String d = String.valueOf(iso);
    try {
      java.time.Period p = java.time.Period.parse(d);
      List<String> parts = new ArrayList<>();
      unit(parts, p.getYears(), "year");
      unit(parts, p.getMonths(), "month");
      unit(parts, p.getDays(), "day");
      return parts.isEmpty() ? d : String.join(" and ", parts);
    } catch (java.time.format.DateTimeParseException e) {
      return d;
    }
  }

  private static void unit(List<String> parts, int n, String unit) {
    if (n != 0) {
      parts.add(n + " " + unit + (n == 1 ? "" : "s"));
    }
  }

  private static String text(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  private List<String> labels(String scheme, Object codes) {
    if (!(codes instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(c -> label(scheme, String.valueOf(c))).toList();
  }

  private String label(String scheme, String code) {
    return reference.concept(scheme, code).map(reference::label).orElse(code);
  }

  private static String date(Object d) {
    return d == null ? "" : String.valueOf(d);
  }
}
