package org.datasharing.registry.core.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.store.RegistryStore;

/** The assurance part of {@link Reminders}: certificates expiring soon or expired. */
final class AssuranceReminders {
  private static final int NOTICE_DAYS = Reminders.NOTICE_DAYS;

  private final RegistryStore store;
  private final Ids ids;
  private final Predicate<Notification> insert;

  /** {@code insert}: records a reminder once (see {@link Reminders}); true when it was new. */
  AssuranceReminders(RegistryStore store, Ids ids, Predicate<Notification> insert) {
    this.store = store;
    this.ids = ids;
    this.insert = insert;
  }

  /** An organisation's certificate of a scheme, and the agreements in force that require it. */
  private record Certificate(
      Node organisation, String scheme, String label, LocalDate validUntil, List<String> needs) {}

  /**
   * Assurance reminders: a certificate expiring within {@value #NOTICE_DAYS} days, or expired, is
   * told to its organisation's DPOs once per kind, certificate and date, naming the agreements in
   * force that require the scheme (written into the notification, as they stand when it is due).
   */
  int recordDue(LocalDate today, Instant now) {
    java.util.Map<String, Certificate> certificates = new java.util.LinkedHashMap<>();
    for (Binding b : store.select(Queries.get("assurance-expiries"))) {
      Node org = b.get(Var.alloc("org"));
      Node scheme = b.get(Var.alloc("scheme"));
      LocalDate until;
      try {
        until = LocalDate.parse(b.get(Var.alloc("validUntil")).getLiteralLexicalForm());
      } catch (java.time.DateTimeException e) {
        continue;
      }
      String code =
          scheme.isURI() ? scheme.getURI().substring(scheme.getURI().lastIndexOf('/') + 1) : "";
      Node label = b.get(Var.alloc("schemeLabel"));
      Certificate c =
          certificates.computeIfAbsent(
              org.getURI() + " " + code + " " + until,
              k ->
                  new Certificate(
                      org,
                      code,
                      label == null ? code : label.getLiteralLexicalForm(),
                      until,
                      new ArrayList<>()));
      Node id = b.get(Var.alloc("id"));
      if (id != null) {
        Node title = b.get(Var.alloc("title"));
        String named =
            (title == null ? "" : title.getLiteralLexicalForm() + " ")
                + "("
                + id.getLiteralLexicalForm()
                + ")";
        if (!c.needs().contains(named)) {
          c.needs().add(named);
        }
      }
    }
    int recorded = 0;
    for (Certificate c : certificates.values()) {
      NotificationKind kind =
          c.validUntil().isBefore(today)
              ? NotificationKind.ASSURANCE_EXPIRED
              : !today.isBefore(c.validUntil().minusDays(NOTICE_DAYS))
                  ? NotificationKind.ASSURANCE_EXPIRING
                  : null;
      if (kind != null && recordAssurance(c, kind, now)) {
        recorded++;
      }
    }
    return recorded;
  }

  private boolean recordAssurance(Certificate c, NotificationKind kind, Instant now) {
    String org = ids.slug(c.organisation(), "organisation").orElse("organisation");
    Node id =
        NodeFactory.createURI(
            ids.base()
                + "notification/assurance-"
                + org
                + "-"
                + c.scheme()
                + "-"
                + kind.slug()
                + "-"
                + c.validUntil());
    String reason =
        c.label()
            + (c.needs().isEmpty()
                ? ". No agreement in force requires it."
                : ". Agreements in force that require it: " + String.join("; ", c.needs()) + ".");
    // an assurance notification is about the organisation: it stands where an agreement would
    Notification n =
        Notification.pending(
                id,
                kind,
                c.organisation(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(c.organisation()),
                Optional.empty(),
                Optional.of(reason),
                now)
            .about(c.validUntil());
    return insert.test(n);
  }
}
