package org.datasharing.registry.core.identity;

import static org.datasharing.registry.core.common.GraphValues.lex;
import static org.datasharing.registry.core.common.GraphValues.one;
import static org.datasharing.registry.core.common.GraphValues.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.audit.AuditEvent;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * The registry's record of onboarding: audit events for what was done in the directory, and pending
 * operations for what is still to be done, each committed with its audit event.
 */
final class OnboardingJournal {
  private static final Node GRAPH = IdentityTerms.GRAPH;

  private final RegistryStore store;
  private final Ids ids;
  private final AuditLog audit;

  OnboardingJournal(RegistryStore store, Ids ids, AuditLog audit) {
    this.store = store;
    this.ids = ids;
    this.audit = audit;
  }

  /** An audit event alone: the change happened in the directory, the registry only records it. */
  void record(Actor actor, Node action, String organisation, String detail) {
    AuditEvent event =
        audit.eventAbout(action, actor, ids.organisation(organisation), null, detail);
    store.commit(new Change(List.of(), List.of(), List.of(), audit.appender(event)));
  }

  /** Records a pending operation with its audit event, in one commit. */
  PendingOperation recordPending(
      Actor actor,
      PendingOperation.Kind kind,
      String organisation,
      Optional<NewMember> member,
      String reason) {
    String id = UUID.randomUUID().toString();
    String what =
        new PendingOperation(id, kind, organisation, member, reason, Instant.EPOCH, "").describe();
    AuditEvent event =
        audit.eventAbout(
            DSR.Onboard.asNode(),
            actor,
            ids.organisation(organisation),
            null,
            "pending " + id + ": " + what + " (" + reason + ")");
    PendingOperation op =
        new PendingOperation(id, kind, organisation, member, reason, event.at(), actor.username());
    Node iri = iri(op.id());
    Graph g = describe(op, iri, event);
    List<Quad> add = new ArrayList<>();
    g.find().forEachRemaining(t -> add.add(new Quad(GRAPH, t)));
    store.commit(
        new Change(
            List.of(Guard.absent(GRAPH, iri, RDF.type.asNode(), Node.ANY)),
            List.of(),
            add,
            audit.appender(event)));
    return op;
  }

  /**
   * Removes a pending operation with an audit event saying what became of it. False if it was
   * already gone (someone else completed or discarded it meanwhile).
   */
  boolean close(Actor actor, Node action, PendingOperation op, String detail) {
    Node iri = iri(op.id());
    Graph current = store.construct(Queries.bind("resource-tree", Map.of("g", GRAPH, "r", iri)));
    if (current.isEmpty()) {
      return false;
    }
    List<Quad> remove = new ArrayList<>();
    current.find().forEachRemaining(t -> remove.add(new Quad(GRAPH, t)));
    AuditEvent event =
        audit.eventAbout(
            action, actor, ids.organisation(op.organisation()), null, op.id() + ": " + detail);
    Change change =
        new Change(
            List.of(Guard.exists(GRAPH, iri, RDF.type.asNode(), IdentityTerms.PendingOperation)),
            remove,
            List.of(),
            audit.appender(event));
    return store.commit(change) == RegistryStore.CommitOutcome.APPLIED;
  }

  /** Every pending operation, oldest first. */
  List<PendingOperation> pending() {
    Graph g = store.graph(GRAPH);
    List<PendingOperation> out = new ArrayList<>();
    g.find(Node.ANY, RDF.type.asNode(), IdentityTerms.PendingOperation)
        .forEachRemaining(t -> read(g, t.getSubject()).ifPresent(out::add));
    out.sort(Comparator.comparing(PendingOperation::recordedAt));
    return out;
  }

  Optional<PendingOperation> pending(String id) {
    return pending().stream().filter(op -> op.id().equals(id)).findFirst();
  }

  /**
   * Takes back an organisation the registry recorded moments before the directory refused it, so
   * neither side keeps it. False if it changed or went meanwhile.
   */
  boolean withdrawOrganisation(Actor actor, String organisation, String reason) {
    Node org = ids.organisation(organisation);
    Node graph = Graphs.ORGANISATIONS_NODE;
    Graph current = store.construct(Queries.bind("resource-tree", Map.of("g", graph, "r", org)));
    List<Quad> remove = new ArrayList<>();
    current.find().forEachRemaining(t -> remove.add(new Quad(graph, t)));
    AuditEvent event =
        audit.eventAbout(
            DSR.EditOrganisation.asNode(),
            actor,
            org,
            AuditLog.sha256Hex(current),
            "onboarding withdrawn: " + reason);
    Change change =
        new Change(
                List.of(
                    Guard.exists(graph, org, RDF.type.asNode(), ORG.FormalOrganization.asNode())),
                remove,
                List.of(),
                audit.appender(event))
            .about(List.of(org));
    return store.commit(change) == RegistryStore.CommitOutcome.APPLIED;
  }

  private Node iri(String id) {
    return NodeFactory.createURI(ids.base() + "identity/pending/" + id);
  }

  private Graph describe(PendingOperation op, Node iri, AuditEvent event) {
    Graph g = GraphFactory.createDefaultGraph();
    g.add(iri, RDF.type.asNode(), IdentityTerms.PendingOperation);
    g.add(iri, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(op.id()));
    g.add(iri, IdentityTerms.operation, NodeFactory.createLiteralString(op.kind().code()));
    g.add(iri, IdentityTerms.organisation, ids.organisation(op.organisation()));
    op.member()
        .ifPresent(
            m -> {
              text(g, iri, IdentityTerms.username, m.username());
              text(g, iri, IdentityTerms.email, m.email());
              text(g, iri, IdentityTerms.firstName, m.firstName());
              text(g, iri, IdentityTerms.lastName, m.lastName());
              text(g, iri, IdentityTerms.role, m.role());
            });
    text(g, iri, IdentityTerms.reason, op.reason());
    text(g, iri, IdentityTerms.recordedBy, op.recordedBy());
    g.add(
        iri,
        DCTerms.created.asNode(),
        NodeFactory.createLiteralDT(op.recordedAt().toString(), XSDDatatype.XSDdateTime));
    g.add(iri, IdentityTerms.wasGeneratedBy, event.id());
    return g;
  }

  private Optional<PendingOperation> read(Graph g, Node iri) {
    Optional<PendingOperation.Kind> kind =
        PendingOperation.Kind.of(lex(g, iri, IdentityTerms.operation));
    Optional<String> org =
        one(g, iri, IdentityTerms.organisation).flatMap(o -> ids.slug(o, "organisation"));
    if (kind.isEmpty() || org.isEmpty()) {
      return Optional.empty();
    }
    String username = lex(g, iri, IdentityTerms.username);
    Optional<NewMember> member =
        username == null
            ? Optional.empty()
            : Optional.of(
                new NewMember(
                    username,
                    lex(g, iri, IdentityTerms.email),
                    lex(g, iri, IdentityTerms.firstName),
                    lex(g, iri, IdentityTerms.lastName),
                    lex(g, iri, IdentityTerms.role)));
    String created = lex(g, iri, DCTerms.created.asNode());
    return Optional.of(
        new PendingOperation(
            lex(g, iri, DCTerms.identifier.asNode()),
            kind.get(),
            org.get(),
            member,
            lex(g, iri, IdentityTerms.reason),
            created == null ? Instant.EPOCH : Instant.parse(created),
            lex(g, iri, IdentityTerms.recordedBy)));
  }
}
