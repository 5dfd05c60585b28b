package org.datasharing.registry.web.audit;

import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.web.platform.Csv;

/** Audit events as CSV, one event per line, newest first. */
public final class AuditCsv {
  private AuditCsv() {}

  public static String of(List<AuditTrail.EventView> events) {
    return Csv.table(
        events,
        e ->
            new Object[] {
              e.sequence(),
              e.id(),
              e.at(),
              e.action(),
              e.agent(),
              cell(e.name()),
              cell(e.username()),
              String.join("; ", e.roles()),
              e.organisation().orElse(""),
              cell(e.organisationName()),
              e.agreement().orElse(""),
              e.version().orElse(""),
              e.contentHash().orElse(""),
              cell(e.detail())
            },
        "Position",
        "Event",
        "Time",
        "Action",
        "Person",
        "Name",
        "Username",
        "Roles",
        "Organisation",
        "Organisation name",
        "Agreement",
        "Version",
        "Content hash",
        "Detail");
  }

  private static String cell(Optional<String> s) {
    return s.map(Csv::cell).orElse("");
  }
}
