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

  /** The organisation slugs of the parties, in order. */
  public List<String> partyOrganisations() {
    return parties.stream().map(p -> String.valueOf(p.get("organisation"))).toList();
  }
}
