package org.datasharing.registry.core.notification;

import static org.datasharing.registry.core.notification.OutboxTerms.GRAPH;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/** A notification as outbox quads, and back. */
final class OutboxQuads {
  private OutboxQuads() {}

  static List<Quad> of(Notification n, Node event) {
    List<Quad> q = new ArrayList<>();
    Node id = n.id();
    q.add(quad(id, RDF.type.asNode(), OutboxTerms.Notification));
    q.add(quad(id, OutboxTerms.kind, NodeFactory.createLiteralString(n.kind().slug())));
    q.add(quad(id, OutboxTerms.agreement, n.agreement()));
    q.add(quad(id, OutboxTerms.wasGeneratedBy, event));
    n.version().ifPresent(v -> q.add(quad(id, OutboxTerms.version, v)));
    n.contentHash().ifPresent(h -> q.add(quad(id, OutboxTerms.contentHash, lit(h))));
    n.actor().ifPresent(a -> q.add(quad(id, OutboxTerms.actor, a)));
    n.actorOrganisation().ifPresent(o -> q.add(quad(id, OutboxTerms.actorOrganisation, o)));
    n.outcome().ifPresent(o -> q.add(quad(id, OutboxTerms.outcome, o)));
    n.reason().ifPresent(r -> q.add(quad(id, OutboxTerms.reason, lit(r))));
    n.due()
        .ifPresent(
            d ->
                q.add(
                    quad(
                        id,
                        OutboxTerms.due,
                        NodeFactory.createLiteralDT(d.toString(), XSDDatatype.XSDdate))));
    q.add(quad(id, OutboxTerms.created, time(n.created())));
    q.add(quad(id, OutboxTerms.state, lit(n.state().slug())));
    q.add(quad(id, OutboxTerms.attempts, count(n.attempts())));
    q.add(quad(id, OutboxTerms.nextAttempt, time(n.nextAttempt())));
    return q;
  }

  /** The notification {@code id} as the graph holds it (triples about it in any graph). */
  static Optional<Notification> read(Graph g, Node id) {
    Optional<NotificationKind> kind =
        one(g, id, OutboxTerms.kind).flatMap(k -> NotificationKind.of(k.getLiteralLexicalForm()));
    Optional<Node> agreement = one(g, id, OutboxTerms.agreement);
    if (kind.isEmpty() || agreement.isEmpty()) {
      return Optional.empty();
    }
    Instant created = one(g, id, OutboxTerms.created).map(OutboxQuads::instant).orElseThrow();
    return Optional.of(
        new Notification(
            id,
            kind.get(),
            agreement.get(),
            one(g, id, OutboxTerms.version),
            text(g, id, OutboxTerms.contentHash),
            one(g, id, OutboxTerms.actor),
            one(g, id, OutboxTerms.actorOrganisation),
            one(g, id, OutboxTerms.outcome),
            text(g, id, OutboxTerms.reason),
            created,
            text(g, id, OutboxTerms.state)
                .map(s -> Notification.State.valueOf(s.toUpperCase()))
                .orElse(Notification.State.PENDING),
            one(g, id, OutboxTerms.attempts)
                .map(n -> Integer.parseInt(n.getLiteralLexicalForm()))
                .orElse(0),
            one(g, id, OutboxTerms.nextAttempt).map(OutboxQuads::instant).orElse(created),
            texts(g, id, OutboxTerms.deliveredTo),
            texts(g, id, OutboxTerms.failedRecipient),
            text(g, id, OutboxTerms.lastError),
            text(g, id, OutboxTerms.due).map(java.time.LocalDate::parse)));
  }

  static Quad quad(Node s, Node p, Node o) {
    return Quad.create(GRAPH, s, p, o);
  }

  static Node lit(String s) {
    return NodeFactory.createLiteralString(s);
  }

  static Node time(Instant t) {
    return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
  }

  static Node count(int n) {
    return NodeFactory.createLiteralDT(Integer.toString(n), XSDDatatype.XSDinteger);
  }

  private static Instant instant(Node n) {
    return Instant.parse(n.getLiteralLexicalForm());
  }

  private static Optional<Node> one(Graph g, Node s, Node p) {
    var it = g.find(s, p, Node.ANY);
    try {
      return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
    } finally {
      it.close();
    }
  }

  private static Optional<String> text(Graph g, Node s, Node p) {
    return one(g, s, p).map(Node::getLiteralLexicalForm);
  }

  private static Set<String> texts(Graph g, Node s, Node p) {
    Set<String> out = new HashSet<>();
    g.find(s, p, Node.ANY).forEachRemaining(t -> out.add(t.getObject().getLiteralLexicalForm()));
    return out;
  }
}
