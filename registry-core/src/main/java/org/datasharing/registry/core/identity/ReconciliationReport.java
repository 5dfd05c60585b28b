package org.datasharing.registry.core.identity;

import java.time.Instant;
import java.util.List;

/** The differences between the registry's organisations and the identity directory's, now. */
public record ReconciliationReport(Instant generatedAt, List<Difference> differences) {
  public ReconciliationReport {
    differences = List.copyOf(differences);
  }

  public boolean inSync() {
    return differences.isEmpty();
  }
}
