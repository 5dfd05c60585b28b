package org.datasharing.registry.core.notification;

import static org.datasharing.registry.core.notification.OutboxQuads.lit;
import static org.datasharing.registry.core.notification.OutboxQuads.quad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * Each person's notification preferences, kept in the outbox graph (about their user IRI) and
 * changed only by themselves through the audited write path ({@code dsr:Edit} about their user
 * IRI). The dispatcher reads them when it sends, so a change applies to what is still waiting.
 */
public final class Preferences {
  private static final int ATTEMPTS = 3;

  private final RegistryStore store;
  private final Ids ids;
  private final AuditLog audit;

  public Preferences(RegistryStore store, Ids ids, AuditLog audit) {
    this.store = store;
    this.ids = ids;
    this.audit = audit;
  }

  /** The preferences of the person with this identifier (the defaults if they chose none). */
  public NotificationPreferences of(String userId) {
    return read(store, ids.user(userId));
  }

  static NotificationPreferences read(RegistryStore store, Node user) {
    return from(stored(store, user));
  }

  private static List<Quad> stored(RegistryStore store, Node user) {
    List<Quad> out = new ArrayList<>();
    store
        .select(Queries.bind("notification-preferences", Map.of("user", user)))
        .forEach(b -> out.add(quad(user, b.get(Var.alloc("p")), b.get(Var.alloc("o")))));
    return out;
  }

  private static NotificationPreferences from(List<Quad> quads) {
    NotificationPreferences.Delivery delivery = NotificationPreferences.Delivery.IMMEDIATE;
    Set<NotificationKind> off = EnumSet.noneOf(NotificationKind.class);
    for (Quad q : quads) {
      String value = q.getObject().getLiteralLexicalForm();
      if (q.getPredicate().equals(OutboxTerms.delivery)) {
        delivery = NotificationPreferences.Delivery.of(value).orElse(delivery);
      } else {
        // a kind that became mandatory since it was turned off is sent again
        NotificationKind.of(value).filter(NotificationKind::optional).ifPresent(off::add);
      }
    }
    return new NotificationPreferences(delivery, off);
  }

  /**
   * Sets the actor's own preferences: {@code delivery} one of {@code immediate}, {@code
   * daily-digest}; {@code optedOut} the slugs of optional kinds. Invalid input names the field
   * ({@code delivery}, {@code optedOut[i]}) and changes nothing.
   */
  public Result<NotificationPreferences> set(Actor actor, String delivery, List<String> optedOut) {
    if (actor.subject() == null || actor.subject().isBlank()) {
      return Result.forbidden("Sign in to choose your notifications");
    }
    List<Violation> violations = new ArrayList<>();
    Optional<NotificationPreferences.Delivery> how =
        NotificationPreferences.Delivery.of(delivery == null ? "" : delivery.strip());
    if (how.isEmpty()) {
      violations.add(
          new Violation("delivery", "Choose how to receive messages: immediate or daily-digest"));
    }
    Set<NotificationKind> off = EnumSet.noneOf(NotificationKind.class);
    List<String> asked = optedOut == null ? List.of() : optedOut;
    for (int i = 0; i < asked.size(); i++) {
      String slug = asked.get(i) == null ? "" : asked.get(i).strip();
      Optional<NotificationKind> kind = NotificationKind.of(slug);
      if (kind.isEmpty()) {
        violations.add(
            new Violation(
                "optedOut[" + i + "]",
                "There is no kind of message '"
                    + (slug.length() > 50 ? slug.substring(0, 50) + "…" : slug)
                    + "'; the optional kinds are "
                    + optionalKinds()));
      } else if (!kind.get().optional()) {
        violations.add(
            new Violation(
                "optedOut[" + i + "]",
                "'"
                    + slug
                    + "' cannot be turned off: decisions needed and what bears on security"
                    + " (suspension, termination, assurance expiry) always reach you"));
      } else {
        off.add(kind.get());
      }
    }
    if (!violations.isEmpty()) {
      return Result.invalid("Correct your notification preferences", violations);
    }
    NotificationPreferences chosen = new NotificationPreferences(how.get(), off);
    Node user = ids.user(actor);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (write(actor, user, stored(store, user), chosen)) {
        return Result.ok(chosen);
      }
    }
    return Result.conflict("Your preferences changed meanwhile; try again");
  }

  private boolean write(
      Actor actor, Node user, List<Quad> current, NotificationPreferences chosen) {
    List<Guard> guards = new ArrayList<>();
    current.forEach(
        q ->
            guards.add(
                Guard.exists(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject())));
    if (current.isEmpty()) {
      guards.add(Guard.absent(OutboxTerms.GRAPH, user, OutboxTerms.delivery, Node.ANY));
    }
    List<Quad> add = new ArrayList<>();
    add.add(quad(user, OutboxTerms.delivery, lit(chosen.delivery().slug())));
    chosen.optedOut().stream()
        .sorted()
        .forEach(k -> add.add(quad(user, OutboxTerms.optedOut, lit(k.slug()))));
    String detail =
        "notification preferences: "
            + chosen.delivery().slug()
            + (chosen.optedOut().isEmpty()
                ? ""
                : "; turned off "
                    + chosen.optedOut().stream()
                        .map(NotificationKind::slug)
                        .sorted()
                        .collect(Collectors.joining(", ")));
    Change change =
        new Change(
            guards,
            current,
            add,
            audit.appender(audit.eventAbout(DSR.Edit.asNode(), actor, user, null, detail)));
    return store.commit(change) == RegistryStore.CommitOutcome.APPLIED;
  }

  /** The slugs of the kinds a person may turn off. */
  public static String optionalKinds() {
    return Arrays.stream(NotificationKind.values())
        .filter(NotificationKind::optional)
        .map(NotificationKind::slug)
        .collect(Collectors.joining(", "));
  }
}
