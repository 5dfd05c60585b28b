package org.datasharing.registry.web.linkeddata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.shared.PrefixMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The HTML view of a linked-data IRI, in the registry's GOV.UK layout: the resource's statements
 * first, then those of the nodes it owns (versions, parties, rules), each value a link when it is
 * an IRI. Links to the same record in each RDF format and to the registry page about it.
 */
record LinkedDataPage(
    String kind, String id, String title, String iri, String humanPage, List<Subject> subjects) {

  /** A node and what the graph says about it. */
  record Subject(String label, String iri, List<Statement> statements) {}

  /** One property and value; {@code href} is set when the value is an IRI. */
  record Statement(String property, String propertyIri, String value, String href) {}

  private static final List<String> TITLES =
      List.of(
          "http://purl.org/dc/terms/title",
          "http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://www.w3.org/2000/01/rdf-schema#label",
          "http://xmlns.com/foaf/0.1/name");

  private static final List<String> VERSIONS =
      List.of("https://w3id.org/dsr#versionInForce", "https://w3id.org/dsr#currentVersion");

  static LinkedDataPage of(
      String kind, String id, Node main, String base, Graph g, PrefixMapping prefixes) {
    String iri = main.getURI();
    Map<Node, List<Triple>> bySubject = new LinkedHashMap<>();
    g.find(main, Node.ANY, Node.ANY).forEachRemaining(t -> add(bySubject, t));
    g.find().toList().stream()
        .sorted(Comparator.comparing((Triple t) -> t.getSubject().toString()))
        .forEach(t -> add(bySubject, t));
    List<Subject> subjects = new ArrayList<>();
    for (var e : bySubject.entrySet()) {
      List<Statement> statements =
          e.getValue().stream()
              .sorted(
                  Comparator.comparing((Triple t) -> shortForm(prefixes, t.getPredicate()))
                      .thenComparing(t -> t.getObject().toString()))
              .map(t -> statement(prefixes, base, t))
              .toList();
      Node s = e.getKey();
      subjects.add(
          new Subject(
              s.equals(main) ? "This " + kind : shortForm(prefixes, s),
              s.isURI() ? s.getURI() : null,
              statements));
    }
    // an agreement's title is in its versions' text: the one in force, else the current one
    List<Node> named = new ArrayList<>(List.of(main));
    for (String p : VERSIONS) {
      g.find(main, NodeFactory.createURI(p), Node.ANY)
          .forEachRemaining(t -> named.add(t.getObject()));
    }
    String title =
        named.stream()
            .flatMap(n -> TITLES.stream().map(p -> g.find(n, NodeFactory.createURI(p), Node.ANY)))
            .filter(it -> it.hasNext())
            .map(it -> it.next().getObject())
            .filter(Node::isLiteral)
            .map(Node::getLiteralLexicalForm)
            .findFirst()
            .orElse(id);
    String page =
        switch (kind) {
          case "dataset" -> "/datasets/" + id;
          case "agreement" -> "/agreements/" + id;
          default -> null;
        };
    return new LinkedDataPage(kind, id, title, iri, page, subjects);
  }

  private static void add(Map<Node, List<Triple>> bySubject, Triple t) {
    List<Triple> list = bySubject.computeIfAbsent(t.getSubject(), k -> new ArrayList<>());
    if (!list.contains(t)) {
      list.add(t);
    }
  }

  private static final java.util.regex.Pattern SERVED =
      java.util.regex.Pattern.compile("(organisation|dataset|agreement)/[a-z0-9-]+");

  /**
   * Where a value links: the registry's organisations, datasets and agreements to their page on
   * this site (its IRI base may name another host), other web IRIs as they are; anything else (the
   * registry's inner nodes, other schemes such as {@code javascript:}) is not a link.
   */
  static String href(String base, String iri) {
    if (iri.startsWith(base)) {
      String rest = iri.substring(base.length());
      return SERVED.matcher(rest).matches() ? "/id/" + rest : null;
    }
    String lower = iri.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") ? iri : null;
  }

  private static Statement statement(PrefixMapping prefixes, String base, Triple t) {
    Node o = t.getObject();
    String value =
        o.isURI()
            ? shortForm(prefixes, o)
            : o.isLiteral() ? o.getLiteralLexicalForm() : "node " + o.getBlankNodeLabel();
    return new Statement(
        shortForm(prefixes, t.getPredicate()),
        t.getPredicate().getURI(),
        value,
        Optional.of(o).filter(Node::isURI).map(n -> href(base, n.getURI())).orElse(null));
  }

  private static String shortForm(PrefixMapping prefixes, Node n) {
    return n.isURI() ? prefixes.shortForm(n.getURI()) : n.toString();
  }

  ModelAndView view() {
    ModelAndView mav = new ModelAndView("linked-data");
    mav.addObject("ld", this);
    return mav;
  }
}
