package org.datasharing.registry.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * The people in the audit trail, as the trail recorded them: each {@code /id/user/{id}} is
 * described from that person's own events (names, roles and organisations at the time of each).
 * Only auditors and registry administrators see people; to anyone else a person does not exist.
 */
public final class People {
  // a token's subject as it appears in a user IRI (Keycloak's are UUIDs)
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._~-]{1,200}");

  private final RegistryStore store;
  private final Ids ids;

  public People(RegistryStore store, Ids ids) {
    this.store = store;
    this.ids = ids;
  }

  /** Who may look people up. */
  public static boolean maySeePeople(Actor actor) {
    return actor.has(Actor.Role.AUDITOR) || actor.has(Actor.Role.REGISTRY_ADMIN);
  }

  /** An organisation the person acted for, from their first to their last event for it. */
  public record Membership(
      String organisation, Optional<String> name, Instant first, Instant last, long events) {}

  /** A person as the trail recorded them; name and username are the latest recorded. */
  public record Person(
      String iri,
      Optional<String> name,
      Optional<String> username,
      List<String> roles,
      List<Membership> memberships,
      List<AuditTrail.EventView> events) {
    /** The roles in words ("DPO", "Registry administrator"). */
    public List<String> roleLabels() {
      return roles.stream().map(AuditTrail::roleLabel).toList();
    }
  }

  /** The person with this id (the last segment of their IRI), or NOT_FOUND. */
  public Result<Person> person(Actor caller, String id) {
    Optional<Node> user = userNode(caller, id);
    if (user.isEmpty()) {
      return Result.notFound("There is no person " + id);
    }
    List<AuditTrail.EventView> events =
        store.select(Queries.bind("audit-events-by-agent", Map.of("agent", user.get()))).stream()
            .map(AuditTrail::view)
            .toList();
    if (events.isEmpty()) {
      return Result.notFound("There is no person " + id);
    }
    Optional<String> name = Optional.empty();
    Optional<String> username = Optional.empty();
    TreeSet<String> roles = new TreeSet<>();
    Map<String, Membership> memberships = new LinkedHashMap<>();
    for (AuditTrail.EventView e : events) {
      if (e.name().isPresent()) {
        name = e.name();
      }
      if (e.username().isPresent()) {
        username = e.username();
      }
      roles.addAll(e.roles());
      e.organisation()
          .ifPresent(
              o ->
                  memberships.merge(
                      o,
                      new Membership(o, e.organisationName(), e.at(), e.at(), 1),
                      (a, b) ->
                          new Membership(
                              o, b.name().or(a::name), a.first(), b.last(), a.events() + 1)));
    }
    List<AuditTrail.EventView> newestFirst = new ArrayList<>(events);
    Collections.reverse(newestFirst);
    return Result.ok(
        new Person(
            user.get().getURI(),
            name,
            username,
            List.copyOf(roles),
            List.copyOf(memberships.values()),
            List.copyOf(newestFirst)));
  }

  /** The person's events as RDF (every triple the trail holds about them), or NOT_FOUND. */
  public Result<Graph> describe(Actor caller, String id) {
    Optional<Node> user = userNode(caller, id);
    if (user.isEmpty()) {
      return Result.notFound("There is no person " + id);
    }
    Graph g =
        store.construct(Queries.bind("audit-events-graph-by-agent", Map.of("agent", user.get())));
    if (g.isEmpty()) {
      return Result.notFound("There is no person " + id);
    }
    g.add(user.get(), RDF.type.asNode(), PROV.Agent.asNode());
    return Result.ok(g);
  }

  private Optional<Node> userNode(Actor caller, String id) {
    if (!maySeePeople(caller) || id == null || !USER_ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return Optional.of(ids.user(new Actor(id, id, Optional.empty(), Set.of())));
  }
}
