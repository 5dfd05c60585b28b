package org.datasharing.registry.core.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.vocabulary.RDFS;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * The events no intact verification has covered yet. Each event is marked as it is appended (a
 * member of {@code <audit#unverified>}, written in the same commit as the event); when a
 * verification finds the log intact up to its size, the marks of the events it covered are cleared
 * and the size is kept as the resource's {@code dsr:treeSize}. The structural checks of the query
 * pack ({@code audit-events-failing-checks}) start from these marks, so they cost what was appended
 * since the last intact verification, not the whole log. Tampering with an event after it was
 * verified is found by the next verification, which recomputes every hash.
 */
public final class UnverifiedEvents implements AuditTrail.VerificationListener {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(UnverifiedEvents.class);
  static final Node MARKS = NodeFactory.createURI(Graphs.AUDIT + "#unverified");

  /** Marks cleared per commit: bounds a commit's size after the first verification of a log. */
  static final int BATCH = 20_000;

  private final RegistryStore store;

  public UnverifiedEvents(RegistryStore store) {
    this.store = store;
  }

  /** The quad marking an event as appended and not yet covered by an intact verification. */
  static Quad mark(Node event) {
    return Quad.create(Graphs.AUDIT_NODE, MARKS, RDFS.member.asNode(), event);
  }

  @Override
  public void verified(AuditTrail.Verification result, Duration took) {
    if (!result.intact()) {
      return; // the marks stay: the structural checks keep naming what is wrong
    }
    try {
      clear(result.treeSize());
    } catch (RuntimeException e) {
      // the marks stay until the next intact verification: the checks then only cost more
      log.warn("could not clear the marks of verified audit events: {}", e.toString());
    }
  }

  /**
   * Clears the marks of the events numbered below {@code size} (a log found intact up to there) and
   * records the size; returns how many marks were cleared.
   */
  public long clear(long size) {
    Node verified = NodeFactory.createLiteralDT(Long.toString(size), XSDDatatype.XSDlong);
    long cleared = 0;
    while (true) {
      List<Binding> rows =
          store.select(Queries.bind("audit-unverified-below", Map.of("size", verified)));
      List<Quad> remove = new ArrayList<>();
      rows.forEach(b -> remove.add(mark(b.get("e"))));
      for (Binding b :
          store.select(Queries.bind("audit-unverified-checkpoint", Map.of("m", MARKS)))) {
        remove.add(Quad.create(Graphs.AUDIT_NODE, MARKS, DSR.treeSize.asNode(), b.get("size")));
      }
      Quad checkpoint = Quad.create(Graphs.AUDIT_NODE, MARKS, DSR.treeSize.asNode(), verified);
      remove.remove(checkpoint);
      // bookkeeping, like the log head: no audit event of its own (a person's verification is
      // kept as a dsr:VerifyLog event by LogVerifications)
      store.commit(
          new Change(
              List.of(),
              remove,
              List.of(checkpoint),
              head -> new Change.Appended(List.of(), head, checkpoint)));
      cleared += rows.size();
      if (rows.size() < BATCH) {
        return cleared;
      }
    }
  }
}
