package org.datasharing.registry.core.agreement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of an agreement version as plain values keyed by API field name (see {@link Field}):
 * strings, booleans, ISO dates as strings, and lists of strings; parties likewise.
 */
public record AgreementContent(Map<String, Object> fields, List<Map<String, Object>> parties) {
  public AgreementContent {
    fields = fields == null ? Map.of() : unmodifiable(fields);
    parties =
        parties == null ? List.of() : parties.stream().map(AgreementContent::unmodifiable).toList();
  }

  private static Map<String, Object> unmodifiable(Map<String, Object> m) {
    Map<String, Object> copy = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** No text at all: what a new draft is compared with when its parties' answers are checked. */
  public static final AgreementContent NONE = new AgreementContent(Map.of(), List.of());

  /**
   * This text with the own answers ({@link AgreementPolicy#OWN_ANSWERS}) of each party whose
   * organisation {@code which} accepts taken from the same organisation's party in {@code from}
   * (none if it is not there): how a text is written as each party answers for itself.
   */
  public AgreementContent withAnswersFrom(
      AgreementContent from, java.util.function.Predicate<String> which) {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (Map<String, Object> p : parties) {
      String org = String.valueOf(p.get(Field.PartyField.ORGANISATION.apiName()));
      if (!which.test(org)) {
        out.add(p);
        continue;
      }
      Map<String, Object> source =
          from.parties().stream()
              .filter(q -> org.equals(String.valueOf(q.get("organisation"))))
              .findFirst()
              .orElse(Map.of());
      Map<String, Object> merged = new LinkedHashMap<>(p);
      for (Field.PartyField f : AgreementPolicy.OWN_ANSWERS) {
        merged.remove(f.apiName());
        if (source.get(f.apiName()) != null) {
          merged.put(f.apiName(), source.get(f.apiName()));
        }
      }
      out.add(merged);
    }
    return new AgreementContent(fields, out);
  }

  /** The organisation slugs of the parties, in order. */
  /** The identifiers of the datasets the content shares, as given; empty when it names none. */
  List<String> datasets() {
    return fields.get(Field.DATASETS.apiName()) instanceof List<?> list
        ? list.stream().map(String::valueOf).toList()
        : List.of();
  }

  public List<String> partyOrganisations() {
    return parties.stream().map(p -> String.valueOf(p.get("organisation"))).toList();
  }
}
