package org.datasharing.registry.core.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.ontology.vocab.ODRL;

/**
 * What a catalogue file may say: descriptions of datasets the importer's organisation publishes
 * (the stored record decides who owns an existing dataset, not the file) and of the resources
 * minted under their IRIs (their ODRL offer), nothing else. A file cannot type anything as an
 * agreement, describe the catalogue graph, another organisation's dataset or any other resource.
 * The properties a dataset may have are those of the dataset shape, which is closed.
 */
final class ImportScope {
  /** The field of violations that make the import forbidden rather than invalid. */
  static final String OWNER = "publisher";

  private final Ids ids;
  private final Actor actor;

  ImportScope(Ids ids, Actor actor) {
    this.ids = ids;
    this.actor = actor;
  }

  List<Violation> check(Graph g, List<Node> datasets, Map<Node, Node> storedPublishers) {
    List<Violation> out = new ArrayList<>();
    Set<Node> own = new HashSet<>(datasets);
    Set<Node> outside = new LinkedHashSet<>();
    Set<String> badTypes = new LinkedHashSet<>();
    Set<String> badPredicates = new LinkedHashSet<>();
    g.find()
        .forEachRemaining(
            t -> {
              Node s = t.getSubject();
              Optional<Node> dataset = datasetOf(s, own);
              if (dataset.isEmpty()) {
                outside.add(s);
              } else if (s.equals(dataset.get())) {
                if (t.getPredicate().equals(RDF.type.asNode())
                    && !t.getObject().equals(DCAT.Dataset.asNode())) {
                  badTypes.add("<" + s + "> a <" + t.getObject() + ">");
                }
              } else if (!inOdrl(t)) {
                badPredicates.add("<" + s + "> <" + t.getPredicate() + ">");
              }
            });
    for (Node s : outside.stream().limit(20).toList()) {
      out.add(
          new Violation(
              "file",
              (s.isBlank() ? "A blank node" : "<" + s + ">")
                  + " is neither a dataset of the file nor a resource under a dataset's IRI; a"
                  + " catalogue file describes datasets (and their offers) only"));
    }
    for (String s : badTypes) {
      out.add(new Violation("file", s + ": a dataset can only be a dcat:Dataset"));
    }
    for (String s : badPredicates) {
      out.add(
          new Violation(
              "file",
              s + ": resources under a dataset's IRI hold its ODRL offer, ODRL terms only"));
    }
    for (Node d : datasets) {
      g.find(d, DCTerms.identifier.asNode(), Node.ANY)
          .forEachRemaining(
              t -> {
                String slug = ids.slug(d, "dataset").orElse("");
                if (!t.getObject().isLiteral()
                    || !t.getObject().getLiteralLexicalForm().equals(slug)) {
                  out.add(
                      new Violation(
                          "identifier",
                          "<" + d + "> must have the identifier '" + slug + "' of its IRI"));
                }
              });
      for (Node p :
          g.find(d, DCTerms.publisher.asNode(), Node.ANY).mapWith(Triple::getObject).toList()) {
        if (!mayPublish(p)) {
          out.add(
              new Violation(
                  OWNER,
                  "<"
                      + d
                      + "> names another publisher; you can import your organisation's"
                      + " datasets only"));
        }
      }
      Node stored = storedPublishers.get(d);
      if (stored != null && !mayPublish(stored)) {
        out.add(
            new Violation(
                OWNER,
                "the identifier of <"
                    + d
                    + "> is not available to your organisation; choose another"));
      }
    }
    return out;
  }

  private boolean mayPublish(Node publisher) {
    return ids.slug(publisher, "organisation")
        .filter(p -> CatalogService.mayPublish(actor, p))
        .isPresent();
  }

  /** The dataset of the file a subject is, or is minted under. */
  private Optional<Node> datasetOf(Node s, Set<Node> datasets) {
    if (!s.isURI()) {
      return Optional.empty();
    }
    if (datasets.contains(s)) {
      return Optional.of(s);
    }
    String iri = s.getURI();
    String prefix = ids.base() + "dataset/";
    int slash = iri.indexOf('/', prefix.length());
    if (!iri.startsWith(prefix) || slash < 0) {
      return Optional.empty();
    }
    Node parent = org.apache.jena.graph.NodeFactory.createURI(iri.substring(0, slash));
    return datasets.contains(parent) ? Optional.of(parent) : Optional.empty();
  }

  private static boolean inOdrl(Triple t) {
    if (t.getPredicate().equals(RDF.type.asNode())) {
      return t.getObject().isURI() && t.getObject().getURI().startsWith(ODRL.NS);
    }
    return t.getPredicate().getURI().startsWith(ODRL.NS);
  }
}
