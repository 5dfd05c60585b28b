package org.datasharing.registry.core.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.LogHead;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * Writes audit events as PROV-O activities into the audit graph and chains them into an RFC 9162
 * Merkle log: each event stores its sequence number, its leaf hash and the root hash of the tree
 * after it (a tree head), so a verifier can recompute everything from the store.
 */
public final class AuditLog {
  private static final Node GRAPH = Graphs.AUDIT_NODE;
  // the log's own bookkeeping, stored beside each event but not part of its hashed content
  private static final Set<Node> OUTSIDE_CONTENT =
      Set.of(DSR.leafHash.asNode(), DSR.rootHash.asNode(), DSR.subtreeHashes.asNode());

  private final Ids ids;
  private final Clock clock;
  private final Function<String, Optional<String>> organisationNames;
  // set on a log that replays a history: the clock of appending, while {@link #clock} gives each
  // step's own (earlier) time
  private final Optional<Clock> appending;
  // set on a log that replays a history imported from elsewhere: where from and who imported it
  private final Optional<Imported> imported;

  /** Where an imported history comes from and who imported it, written into each of its events. */
  private record Imported(String source, Actor importer) {}

  public AuditLog(Ids ids, Clock clock) {
    this(ids, clock, slug -> Optional.empty());
  }

  /**
   * @param organisationNames an organisation's name on record, by its identifier: written into each
   *     event with the person acting for it
   */
  public AuditLog(Ids ids, Clock clock, Function<String, Optional<String>> organisationNames) {
    this(ids, clock, organisationNames, Optional.empty(), Optional.empty());
  }

  private AuditLog(
      Ids ids,
      Clock clock,
      Function<String, Optional<String>> organisationNames,
      Optional<Clock> appending,
      Optional<Imported> imported) {
    this.ids = ids;
    this.clock = clock;
    this.organisationNames = organisationNames;
    this.appending = appending;
    this.imported = imported;
  }

  /**
   * A log for replaying a history: its events carry the time each step happened ({@code
   * prov:endedAtTime}, from {@code historical}) and, marking them as replayed, the time they were
   * appended ({@code dsr:replayedAt}, from this log's clock). The log's order stays the order of
   * appending.
   */
  public AuditLog replaying(Clock historical) {
    return new AuditLog(ids, historical, organisationNames, Optional.of(clock), Optional.empty());
  }

  /**
   * A log for replaying a history imported from elsewhere: as {@link #replaying}, and each event
   * also says where the history comes from ({@code dsr:importedFrom}) and who imported it ({@code
   * dsr:importedBy}), in its hashed content.
   */
  public AuditLog importing(Clock historical, String source, Actor importer) {
    return new AuditLog(
        ids,
        historical,
        organisationNames,
        Optional.of(clock),
        Optional.of(new Imported(source, importer)));
  }

  private Optional<String> organisationName(Actor actor) {
    return actor.organisation().flatMap(organisationNames);
  }

  /** A new event for the actor, stamped now. */
  public AuditEvent event(
      Node action, Actor actor, Node subject, Node version, String contentHash, String detail) {
    return new AuditEvent(
        ids.auditEvent(UUID.randomUUID().toString()),
        action,
        actor,
        clock.instant(),
        Optional.ofNullable(subject),
        Optional.empty(),
        Optional.ofNullable(version),
        Optional.ofNullable(contentHash),
        Optional.ofNullable(detail),
        organisationName(actor));
  }

  /** A new event about a resource that is not an agreement (organisation, dataset, member). */
  public AuditEvent eventAbout(
      Node action, Actor actor, Node resource, String contentHash, String detail) {
    return new AuditEvent(
        ids.auditEvent(UUID.randomUUID().toString()),
        action,
        actor,
        clock.instant(),
        Optional.empty(),
        Optional.ofNullable(resource),
        Optional.empty(),
        Optional.ofNullable(contentHash),
        Optional.ofNullable(detail),
        organisationName(actor));
  }

  /** The appender a {@link Change} carries: the event's quads on top of the given head. */
  public Change.AuditAppender appender(AuditEvent event) {
    return head -> {
      Graph content = content(event, head.size());
      byte[] leaf = leafHash(content, event.id());
      Step step = step(head.frontier(), head.size(), leaf);
      List<byte[]> frontier = step.frontier();
      byte[] root = rootOf(frontier);
      List<Quad> quads = new ArrayList<>();
      content.find().forEachRemaining(t -> quads.add(new Quad(GRAPH, t)));
      quads.add(quad(event.id(), DSR.leafHash.asNode(), hexLiteral(leaf)));
      quads.add(quad(event.id(), DSR.rootHash.asNode(), hexLiteral(root)));
      if (!step.completed().isEmpty()) {
        quads.add(
            quad(
                event.id(),
                DSR.subtreeHashes.asNode(),
                NodeFactory.createLiteralString(encodeHashes(step.completed()))));
      }
      // outside the event (not hashed): the structural checks look at events not yet verified
      quads.add(UnverifiedEvents.mark(event.id()));
      Quad marker = quad(event.id(), RDF.type.asNode(), DSR.AuditEvent.asNode());
      return new Change.Appended(quads, new LogHead(head.size() + 1, frontier), marker);
    };
  }

  /**
   * The hashed part of an event in any graph that holds it, written or read back: every triple
   * about it except the log's bookkeeping (its leaf, root and subtree hashes). The sequence number
   * is included, so moving an event changes its leaf hash.
   */
  static Graph hashedContent(Graph graph, Node event) {
    Graph content = GraphFactory.createDefaultGraph();
    graph
        .find(event, Node.ANY, Node.ANY)
        .forEachRemaining(
            t -> {
              if (!OUTSIDE_CONTENT.contains(t.getPredicate())) {
                content.add(t);
              }
            });
    return content;
  }

  /**
   * The bytes an event's leaf hash is computed over (RFC 9162's leaf data): the sorted canonical
   * N-Triples of its {@link #hashedContent}, as found in {@code graph}.
   */
  public static byte[] leafData(Graph graph, Node event) {
    return canonicalBytes(hashedContent(graph, event));
  }

  /** The RFC 9162 leaf hash of an event: of its {@link #hashedContent}'s canonical bytes. */
  static byte[] leafHash(Graph graph, Node event) {
    return MerkleTree.leafHash(canonicalBytes(hashedContent(graph, event)));
  }

  /**
   * The triples an event is written as. Only a builder: what of them is hashed is {@link
   * #hashedContent}'s definition.
   */
  Graph content(AuditEvent e, long sequence) {
    Graph g = GraphFactory.createDefaultGraph();
    Node id = e.id();
    Instant at = e.at();
    LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
    g.add(id, RDF.type.asNode(), DSR.AuditEvent.asNode());
    g.add(id, RDF.type.asNode(), PROV.Activity.asNode());
    g.add(
        id,
        DSR.sequence.asNode(),
        NodeFactory.createLiteralDT(Long.toString(sequence), XSDDatatype.XSDlong));
    g.add(id, DSR.action.asNode(), e.action());
    g.add(id, PROV.wasAssociatedWith.asNode(), ids.user(e.actor()));
    e.actor()
        .organisation()
        .ifPresent(o -> g.add(id, DSR.actorOrganisation.asNode(), ids.organisation(o)));
    // the person in the hashed content, as they were when they acted: an auditor can say who
    // approved, in which role and for which organisation, even after people and names change.
    // Events written before these were recorded have none of them and still verify.
    g.add(id, DSR.actorUsername.asNode(), NodeFactory.createLiteralString(e.actor().username()));
    e.actor()
        .name()
        .ifPresent(n -> g.add(id, DSR.actorName.asNode(), NodeFactory.createLiteralString(n)));
    e.actor().roles().stream()
        .map(Actor::roleName)
        .sorted()
        .forEach(r -> g.add(id, DSR.actorRole.asNode(), NodeFactory.createLiteralString(r)));
    e.organisationName()
        .ifPresent(
            n -> g.add(id, DSR.actorOrganisationName.asNode(), NodeFactory.createLiteralString(n)));
    g.add(
        id,
        PROV.endedAtTime.asNode(),
        NodeFactory.createLiteralDT(at.toString(), XSDDatatype.XSDdateTime));
    // day and month as their own literals so audit queries by period use the POS index instead of
    // filtering every event's timestamp
    g.add(id, DSR.day.asNode(), NodeFactory.createLiteralDT(day.toString(), XSDDatatype.XSDdate));
    g.add(
        id,
        DSR.month.asNode(),
        NodeFactory.createLiteralDT(YearMonth.from(day).toString(), XSDDatatype.XSDgYearMonth));
    appending.ifPresent(
        c ->
            g.add(
                id,
                DSR.replayedAt.asNode(),
                NodeFactory.createLiteralDT(c.instant().toString(), XSDDatatype.XSDdateTime)));
    imported.ifPresent(
        i -> {
          g.add(id, DSR.importedFrom.asNode(), NodeFactory.createLiteralString(i.source()));
          g.add(id, DSR.importedBy.asNode(), ids.user(i.importer()));
          g.add(
              id,
              DSR.importedByName.asNode(),
              NodeFactory.createLiteralString(i.importer().name().orElse(i.importer().username())));
        });
    e.subject().ifPresent(s -> g.add(id, DSR.agreement.asNode(), s));
    e.about().ifPresent(r -> g.add(id, PROV.used.asNode(), r));
    e.version().ifPresent(v -> g.add(id, DSR.version.asNode(), v));
    e.contentHash()
        .ifPresent(h -> g.add(id, DSR.contentHash.asNode(), NodeFactory.createLiteralString(h)));
    e.detail()
        .ifPresent(
            d ->
                g.add(
                    id,
                    org.apache.jena.vocabulary.RDFS.comment.asNode(),
                    NodeFactory.createLiteralString(d)));
    return g;
  }

  /** Sorted canonical N-Triples of a blank-node-free graph, as UTF-8 bytes. */
  public static byte[] canonicalBytes(Graph g) {
    return org.datasharing.registry.core.common.Canonical.bytes(g);
  }

  /** Hex SHA-256 of the canonical form. */
  public static String sha256Hex(Graph g) {
    return org.datasharing.registry.core.common.Canonical.sha256Hex(g);
  }

  /** The frontier after appending one leaf to a tree of {@code size} leaves. */
  static List<byte[]> append(List<byte[]> frontier, long size, byte[] leaf) {
    return step(frontier, size, leaf).frontier();
  }

  /**
   * Appending one leaf: the frontier after it, and the perfect subtrees of 2, 4, 8, ... leaves it
   * completes (smallest first), which never change again in an append-only log.
   */
  record Step(List<byte[]> frontier, List<byte[]> completed) {}

  static Step step(List<byte[]> frontier, long size, byte[] leaf) {
    List<byte[]> next = new ArrayList<>(frontier);
    List<byte[]> completed = new ArrayList<>();
    byte[] h = leaf;
    for (long k = size; (k & 1) == 1; k >>= 1) {
      h = MerkleTree.nodeHash(next.remove(next.size() - 1), h);
      completed.add(h);
    }
    next.add(h);
    return new Step(next, completed);
  }

  /** Comma-separated lower-case hex, the form of {@code dsr:subtreeHashes}. */
  static String encodeHashes(List<byte[]> hashes) {
    return String.join(",", hashes.stream().map(MerkleTree::hex).toList());
  }

  /** The hashes of a {@code dsr:subtreeHashes} literal. */
  static List<byte[]> decodeHashes(String encoded) {
    if (encoded.isEmpty()) {
      return List.of();
    }
    return java.util.Arrays.stream(encoded.split(",")).map(MerkleTree::unhex).toList();
  }

  /** RFC 9162's root hash from the frontier: fold the perfect subtrees from the right. */
  static byte[] rootOf(List<byte[]> frontier) {
    if (frontier.isEmpty()) {
      return MerkleTree.rootHash(List.of());
    }
    byte[] r = frontier.get(frontier.size() - 1);
    for (int i = frontier.size() - 2; i >= 0; i--) {
      r = MerkleTree.nodeHash(frontier.get(i), r);
    }
    return r;
  }

  static Node hexLiteral(byte[] hash) {
    return NodeFactory.createLiteralString(MerkleTree.hex(hash));
  }

  private static Quad quad(Node s, Node p, Node o) {
    return Quad.create(GRAPH, s, p, o);
  }
}
