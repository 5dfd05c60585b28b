package org.datasharing.registry.core.sparql;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.agreement.AgreementPolicy;
import org.datasharing.registry.core.catalog.DatasetVisibility;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Which graphs, and which parts of them, a caller may query. Auditors see everything. Members
 * (partner or DPO) of an organisation see the public graphs, the graphs of agreements whose current
 * or any earlier version lists their organisation as a party, and the audit events that concern
 * them (acted for their organisation, or about one of those agreements). Everyone else sees the
 * public graphs. In the catalogue, datasets marked not discoverable are hidden from all but their
 * publisher's members and auditors.
 *
 * <p>Filtering is per quad, on the live store: no copy is made. The filters that need lookups
 * (which events concern an organisation) ask the store's indexes lazily, once per subject.
 */
final class AccessPolicy {
  private static final Set<Node> ALWAYS =
      Set.of(Graphs.ONTOLOGY_NODE, Graphs.REFERENCE_NODE, Graphs.ORGANISATIONS_NODE);

  private final Ids ids;

  AccessPolicy(Ids ids) {
    this.ids = ids;
  }

  static boolean seesEverything(Actor actor) {
    return actor.has(Actor.Role.AUDITOR);
  }

  /**
   * The dataset the actor's queries run over: the base itself for auditors, else a filtered view.
   * Call inside a read transaction on the base; the view reads through it.
   */
  DatasetGraph view(DatasetGraph base, Actor actor) {
    if (seesEverything(actor)) {
      return base;
    }
    Optional<Node> org = memberOrganisation(actor);
    Set<Node> agreements = org.map(o -> agreementsOf(ids, base, o)).orElse(Set.of());
    Set<Node> whole = new HashSet<>(ALWAYS);
    whole.addAll(agreements);
    Set<Node> hidden = hiddenDatasets(ids, base, actor);
    Predicate<Quad> audit = org.map(o -> auditEventsOf(base, o, agreements)).orElse(null);

    Set<Node> visible = new HashSet<>(whole);
    visible.add(Graphs.CATALOG_NODE);
    if (audit != null) {
      visible.add(Graphs.AUDIT_NODE);
    }
    Predicate<Quad> filter =
        q -> {
          Node g = q.getGraph();
          if (whole.contains(g)) {
            return true;
          }
          if (g.equals(Graphs.CATALOG_NODE)) {
            return !hides(hidden, q);
          }
          return audit != null && g.equals(Graphs.AUDIT_NODE) && audit.test(q);
        };
    return new AccessView(base, filter, visible);
  }

  private Optional<Node> memberOrganisation(Actor actor) {
    if (!(actor.has(Actor.Role.PARTNER) || actor.has(Actor.Role.DPO))) {
      return Optional.empty();
    }
    return actor.organisation().map(ids::organisation);
  }

  /**
   * Graphs of agreements any of whose versions names the organisation as a party. Only graphs named
   * by an agreement IRI of this registry count ({@link AgreementPolicy#isAgreementGraph}): what a
   * graph says of itself is not trusted.
   */
  static Set<Node> agreementsOf(Ids ids, DatasetGraph base, Node organisation) {
    Set<Node> out = new HashSet<>();
    Iterator<Quad> parties = base.find(Node.ANY, Node.ANY, DSR.organisation.asNode(), organisation);
    while (parties.hasNext()) {
      Node g = parties.next().getGraph();
      if (AgreementPolicy.isAgreementGraph(ids, g)
          && base.contains(g, g, RDF.type.asNode(), DSR.DataSharingAgreement.asNode())) {
        out.add(g);
      }
    }
    return out;
  }

  /**
   * Datasets with {@code dsr:discoverable false} that {@link DatasetVisibility} hides from the
   * actor.
   */
  static Set<Node> hiddenDatasets(Ids ids, DatasetGraph base, Actor actor) {
    Set<Node> hidden = new HashSet<>();
    if (DatasetVisibility.seesEverything(actor)) {
      return hidden;
    }
    Iterator<Quad> flags =
        base.find(Graphs.CATALOG_NODE, Node.ANY, DSR.discoverable.asNode(), Node.ANY);
    while (flags.hasNext()) {
      Quad q = flags.next();
      if (!(q.getObject().isLiteral() && Boolean.FALSE.equals(q.getObject().getLiteralValue()))) {
        continue;
      }
      Iterator<Quad> publishers =
          base.find(Graphs.CATALOG_NODE, q.getSubject(), DCTerms.publisher.asNode(), Node.ANY);
      String publisher =
          publishers.hasNext()
              ? ids.slug(publishers.next().getObject(), "organisation").orElse(null)
              : null;
      if (!DatasetVisibility.visible(actor, false, publisher)) {
        hidden.add(q.getSubject());
      }
    }
    return hidden;
  }

  /** A quad about a hidden dataset, a resource minted under it (its policy) or pointing at it. */
  static boolean hides(Set<Node> hidden, Quad q) {
    if (hidden.isEmpty()) {
      return false;
    }
    Node s = q.getSubject();
    if (hidden.contains(s) || hidden.contains(q.getObject())) {
      return true;
    }
    if (s.isURI()) {
      for (Node d : hidden) {
        if (s.getURI().startsWith(d.getURI() + "/")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The audit quads an organisation's members see: those about events by someone acting for the
   * organisation or about one of its agreements. Tree heads and the log head stay hidden.
   */
  static Predicate<Quad> auditEventsOf(DatasetGraph base, Node organisation, Set<Node> agreements) {
    Map<Node, Boolean> decided = new HashMap<>();
    return q ->
        decided.computeIfAbsent(q.getSubject(), s -> concerns(base, s, organisation, agreements));
  }

  private static boolean concerns(
      DatasetGraph base, Node event, Node organisation, Set<Node> agreements) {
    if (event.equals(Graphs.AUDIT_NODE)) {
      return true; // the graph's own description
    }
    if (base.contains(Graphs.AUDIT_NODE, event, DSR.actorOrganisation.asNode(), organisation)) {
      return true;
    }
    Iterator<Quad> about = base.find(Graphs.AUDIT_NODE, event, DSR.agreement.asNode(), Node.ANY);
    while (about.hasNext()) {
      if (agreements.contains(about.next().getObject())) {
        return true;
      }
    }
    return false;
  }
}
