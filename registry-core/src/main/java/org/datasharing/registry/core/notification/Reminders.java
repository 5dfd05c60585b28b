package org.datasharing.registry.core.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;

/**
 * Time-based reminders, computed from the dates of each agreement's version in force: review due
 * within {@value #NOTICE_DAYS} days, review overdue, end date within {@value #NOTICE_DAYS} days. A
 * reminder's IRI is its kind, agreement and date, and it is inserted only where absent (a guarded
 * write), so running again, after downtime, or on several instances at once records each reminder
 * exactly once: a registry down across a review date sends the reminder once when it starts.
 */
public final class Reminders {
  static final int NOTICE_DAYS = 30;

  private final RegistryStore store;
  private final Ids ids;
  private final Clock clock;

  /** {@code store}: the store underneath the registry's (reminders are not audited changes). */
  public Reminders(RegistryStore store, Ids ids, Clock clock) {
    this.store = store;
    this.ids = ids;
    this.clock = clock;
  }

  /** Records every reminder due today not recorded before; returns how many were new. */
  public int recordDue() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    int recorded = 0;
    for (Binding b : store.select(Queries.get("agreements-in-force-dates"))) {
      Node ag = b.get(Var.alloc("ag"));
      Node v = b.get(Var.alloc("v"));
      Optional<LocalDate> review = date(b, "review");
      Optional<LocalDate> end = date(b, "end");
      for (Reminder r : due(today, review, end)) {
        if (record(ag, v, r, now)) {
          recorded++;
        }
      }
    }
    return recorded + recordAssuranceDue(today, now);
  }

  /** An organisation's certificate of a scheme, and the agreements in force that require it. */
  private record Certificate(
      Node organisation, String scheme, String label, LocalDate validUntil, List<String> needs) {}

  /**
   * Assurance reminders: a certificate expiring within {@value #NOTICE_DAYS} days, or expired, is
   * told to its organisation's DPOs once per kind, certificate and date, naming the agreements in
   * force that require the scheme (written into the notification, as they stand when it is due).
   */
  private int recordAssuranceDue(LocalDate today, Instant now) {
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
    return insertOnce(n);
  }

  record Reminder(NotificationKind kind, LocalDate date) {}

  /** The reminders due on {@code today} for these dates. */
  static List<Reminder> due(LocalDate today, Optional<LocalDate> review, Optional<LocalDate> end) {
    List<Reminder> out = new ArrayList<>();
    review.ifPresent(
        r -> {
          if (!today.isBefore(r)) {
            out.add(new Reminder(NotificationKind.REVIEW_OVERDUE, r));
          } else if (!today.isBefore(r.minusDays(NOTICE_DAYS))) {
            out.add(new Reminder(NotificationKind.REVIEW_DUE_SOON, r));
          }
        });
    end.ifPresent(
        e -> {
          if (today.isBefore(e) && !today.isBefore(e.minusDays(NOTICE_DAYS))) {
            out.add(new Reminder(NotificationKind.END_DATE_SOON, e));
          }
        });
    return out;
  }

  private boolean record(Node ag, Node v, Reminder r, Instant now) {
    String slug = ids.slug(ag, "agreement").orElse("agreement");
    Node id =
        NodeFactory.createURI(
            ids.base() + "notification/" + slug + "-" + r.kind().slug() + "-" + r.date());
    Notification n =
        Notification.pending(
                id,
                r.kind(),
                ag,
                Optional.of(v),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                now)
            .about(r.date());
    return insertOnce(n);
  }

  private boolean insertOnce(Notification n) {
    Node id = n.id();
    var quads = OutboxQuads.of(n, NodeFactory.createURI(ids.base() + "reminders"));
    // wasGeneratedBy names the scheduler, not an audit event: a reminder follows from a date
    Change change =
        new Change(
            List.of(Guard.absent(OutboxTerms.GRAPH, id, RDF.type.asNode(), Node.ANY)),
            List.of(),
            quads,
            head -> new Change.Appended(List.of(), head, quads.get(0)));
    return store.commit(change) == RegistryStore.CommitOutcome.APPLIED;
  }

  private static Optional<LocalDate> date(Binding b, String var) {
    Node n = b.get(Var.alloc(var));
    return n == null ? Optional.empty() : Optional.of(LocalDate.parse(n.getLiteralLexicalForm()));
  }
}
