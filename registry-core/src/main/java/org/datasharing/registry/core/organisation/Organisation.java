package org.datasharing.registry.core.organisation;

import java.util.List;

/**
 * A member organisation as the API sees it. Codes refer to the SKOS reference schemes
 * (organisation-type, sector, assurance-scheme).
 */
public record Organisation(
    String id,
    String name,
    String type,
    String sector,
    String domain,
    String dpoName,
    String dpoEmail,
    List<Assurance> assurances) {
  public Organisation {
    assurances = assurances == null ? List.of() : List.copyOf(assurances);
  }

  /** An assurance certificate: scheme code, level (e.g. "Standards Met") and validity. */
  public record Assurance(String scheme, String level, String validFrom, String validUntil) {}
}
