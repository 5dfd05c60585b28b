package org.datasharing.registry.core.agreement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * Reading an agreement history as the sample files write it (one graph per agreement): its
 * versions, decisions and literals, and the sample's data protection officers. {@link
 * SampleHistory} replays what these read.
 */
final class HistoryGraph {
  private HistoryGraph() {}

  // the sample realm's DPO logins (docker/keycloak), by organisation; other organisations' DPOs
  // have no login in the sample realm and are recorded by their user identifier only
  private static final Map<String, String[]> SAMPLE_LOGINS =
      Map.of(
          "northshire-county-council", new String[] {"dpo.council", "Priya Raman"},
          "northshire-nhs-foundation-trust", new String[] {"dpo.trust", "Gareth Mills"},
          "northshire-integrated-care-board", new String[] {"dpo.icb", "Fiona Adeyemi"});

  /** Each organisation's DPO, by the user identifier its sample decisions name. */
  static Map<String, String> dpoSubjects(DatasetGraph sample) {
    Map<String, String> out = new LinkedHashMap<>();
    sample
        .find(Node.ANY, Node.ANY, DSR.onBehalfOf.asNode(), Node.ANY)
        .forEachRemaining(
            q ->
                sample
                    .find(q.getGraph(), q.getSubject(), PROV.wasAssociatedWith.asNode(), Node.ANY)
                    .forEachRemaining(
                        u -> {
                          String iri = u.getObject().getURI();
                          out.putIfAbsent(
                              slug(q.getObject()), iri.substring(iri.lastIndexOf('/') + 1));
                        }));
    return out;
  }

  static Actor dpo(String org, Map<String, String> subjects) {
    String subject = subjects.getOrDefault(org, "sample-dpo-" + org);
    String[] login = SAMPLE_LOGINS.get(org);
    return new Actor(
        subject,
        login == null ? subject : login[0],
        Optional.of(org),
        Set.of(Actor.Role.DPO),
        Optional.ofNullable(login == null ? null : login[1]));
  }

  static List<Node> versions(Graph g, Node ag) {
    List<Node> out = new ArrayList<>();
    g.find(ag, DSR.hasVersion.asNode(), Node.ANY).forEachRemaining(t -> out.add(t.getObject()));
    out.sort(
        Comparator.comparing(
            v -> Integer.parseInt(literal(g, v, DSR.versionNumber.asNode()).orElseThrow())));
    return out;
  }

  static List<Node> decisionsOn(Graph g, Node v) {
    List<Node> out = new ArrayList<>();
    g.find(Node.ANY, DSR.decisionOn.asNode(), v)
        .forEachRemaining(
            t -> {
              if (g.contains(t.getSubject(), RDF.type.asNode(), DSR.Decision.asNode())) {
                out.add(t.getSubject());
              }
            });
    return out;
  }

  static Optional<Node> one(Graph g, Node s, Node p) {
    var it = g.find(s, p, Node.ANY);
    try {
      return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
    } finally {
      it.close();
    }
  }

  static Optional<String> literal(Graph g, Node s, Node p) {
    return one(g, s, p).filter(Node::isLiteral).map(Node::getLiteralLexicalForm);
  }

  static Optional<Instant> time(Graph g, Node s, Node p) {
    return literal(g, s, p).map(Instant::parse);
  }

  static String slug(Node iri) {
    String s = iri.getURI();
    return s.substring(s.lastIndexOf('/') + 1);
  }
}
