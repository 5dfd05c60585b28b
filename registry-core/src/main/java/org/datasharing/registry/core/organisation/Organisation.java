package org.datasharing.registry.core.organisation;

import java.time.LocalDate;
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

  /**
   * An assurance certificate: scheme code, level (e.g. the DSPT status "Standards Met"), validity,
   * and optionally the certificate number, the assessment year (DSPT "2025-26") and a link to the
   * evidence.
   */
  public record Assurance(
      String scheme,
      String level,
      String validFrom,
      String validUntil,
      String certificate,
      String year,
      String evidence) {
    public Assurance(String scheme, String level, String validFrom, String validUntil) {
      this(scheme, level, validFrom, validUntil, null, null, null);
    }

    /**
     * Whether a certificate valid until {@code validUntil} counts on {@code day}: up to and
     * including its last valid day. The one rule submit, approval and the pages apply.
     */
    public static boolean counts(LocalDate validUntil, LocalDate day) {
      return !validUntil.isBefore(day);
    }
  }
}
