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
  private final AssuranceReminders assurance;

  /** {@code store}: the store underneath the registry's (reminders are not audited changes). */
  public Reminders(RegistryStore store, Ids ids, Clock clock) {
    this.store = store;
    this.ids = ids;
    this.clock = clock;
    this.assurance = new AssuranceReminders(store, ids, this::insertOnce);
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
    return recorded + assurance.recordDue(today, now);
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

  /** Inserts the reminder unless it is recorded already (a guarded write); true if new. */
  boolean insertOnce(Notification n) {
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
