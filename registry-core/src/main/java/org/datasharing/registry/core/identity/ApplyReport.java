package org.datasharing.registry.core.identity;

import java.util.List;
import java.util.Optional;

/**
 * What reconciliation's apply did with each difference, and the report afterwards (empty when
 * Keycloak stopped answering).
 */
public record ApplyReport(List<Applied> results, Optional<ReconciliationReport> after) {
  public ApplyReport {
    results = List.copyOf(results);
    after = after == null ? Optional.empty() : after;
  }

  /** The outcome for one difference. */
  public record Applied(String difference, Outcome outcome, String message) {}

  /**
   * Fixed; failed (it stays); not fixable automatically; not tried (Keycloak stopped answering).
   */
  public enum Outcome {
    APPLIED,
    FAILED,
    NOT_FIXABLE,
    NOT_TRIED
  }
}
