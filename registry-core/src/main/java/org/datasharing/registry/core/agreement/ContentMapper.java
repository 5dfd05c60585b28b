package org.datasharing.registry.core.agreement;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.ontology.vocab.DSR;

/** Maps {@link AgreementContent} to the triples of a version and back, checking types and codes. */
final class ContentMapper {
  private static final Map<String, Node> ROLES =
      Map.of(
          "controller", DSR.Controller.asNode(),
          "joint-controller", DSR.JointController.asNode(),
          "processor", DSR.Processor.asNode(),
          "recipient", DSR.Recipient.asNode());

  private final Ids ids;
  private final ReferenceData reference;

  ContentMapper(Ids ids, ReferenceData reference) {
    this.ids = ids;
    this.reference = reference;
  }

  /** The version's content triples; every type error and unknown code named by field. */
  Result<Graph> toGraph(Node version, AgreementContent content) {
    Graph g = GraphFactory.createDefaultGraph();
    List<Violation> violations = new ArrayList<>();
    content
        .fields()
        .forEach(
            (name, value) -> {
              Optional<Field> field = Field.byApiName(name);
              if (field.isEmpty()) {
                violations.add(new Violation(name, "There is no field called '" + name + "'"));
                return;
              }
              Field f = field.get();
              write(
                  g,
                  version,
                  f.apiName(),
                  f.property().asNode(),
                  f.kind(),
                  f.scheme(),
                  value,
                  violations);
            });
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < content.parties().size(); i++) {
      Map<String, Object> party = content.parties().get(i);
      String prefix = "parties[" + i + "].";
      Object org = party.get("organisation");
      if (!(org instanceof String slug) || !Slugs.isValid(slug)) {
        violations.add(
            new Violation(
                prefix + "organisation",
                "Name the party's organisation by its registry identifier"));
        continue;
      }
      if (seen.contains(slug)) {
        violations.add(
            new Violation(
                prefix + "organisation",
                "The organisation '" + slug + "' is listed as a party twice"));
        continue;
      }
      seen.add(slug);
      Node p = ids.party(version, slug);
      g.add(version, DSR.hasParty.asNode(), p);
      g.add(p, RDF.type.asNode(), DSR.Party.asNode());
      party.forEach(
          (name, value) -> {
            Optional<Field.PartyField> field = Field.PartyField.byApiName(name);
            if (field.isEmpty()) {
              violations.add(
                  new Violation(prefix + name, "There is no party field called '" + name + "'"));
              return;
            }
            Field.PartyField f = field.get();
            write(
                g,
                p,
                prefix + f.apiName(),
                f.property().asNode(),
                f.kind(),
                f.scheme(),
                value,
                violations);
          });
    }
    return violations.isEmpty()
        ? Result.ok(g)
        : Result.invalid("The agreement has invalid fields", violations);
  }

  private void write(
      Graph g,
      Node s,
      String field,
      Node p,
      Field.Kind kind,
      String scheme,
      Object value,
      List<Violation> violations) {
    switch (kind) {
      case TEXT ->
          text(value)
              .ifPresentOrElse(
                  v -> g.add(s, p, NodeFactory.createLiteralString(v)),
                  () -> violations.add(new Violation(field, "Enter text")));
      case TEXT_LIST ->
          list(value, field, violations)
              .forEach(v -> g.add(s, p, NodeFactory.createLiteralString(v)));
      case BOOLEAN -> {
        if (value instanceof Boolean b) {
          g.add(s, p, NodeFactory.createLiteralDT(b.toString(), XSDDatatype.XSDboolean));
        } else {
          violations.add(new Violation(field, "Answer yes (true) or no (false)"));
        }
      }
      case DATE -> {
        try {
          LocalDate d = LocalDate.parse(String.valueOf(value));
          g.add(s, p, NodeFactory.createLiteralDT(d.toString(), XSDDatatype.XSDdate));
        } catch (DateTimeParseException e) {
          violations.add(new Violation(field, "Enter a real date as YYYY-MM-DD"));
        }
      }
      case REF -> ref(scheme, value, field, violations).ifPresent(c -> g.add(s, p, c));
      case REF_LIST ->
          list(value, field, violations)
              .forEach(code -> ref(scheme, code, field, violations).ifPresent(c -> g.add(s, p, c)));
      case DATASET_LIST ->
          list(value, field, violations)
              .forEach(
                  slug -> {
                    if (Slugs.isValid(slug)) {
                      g.add(s, p, ids.dataset(slug));
                    } else {
                      violations.add(
                          new Violation(field, "'" + slug + "' is not a dataset identifier"));
                    }
                  });
      case ORGANISATION -> g.add(s, p, ids.organisation(String.valueOf(value)));
      case ROLE -> {
        Node role = ROLES.get(String.valueOf(value));
        if (role == null) {
          violations.add(
              new Violation(
                  field,
                  "Choose the party's role: controller, joint-controller, processor or recipient"));
        } else {
          g.add(s, p, role);
        }
      }
    }
  }

  private Optional<Node> ref(String scheme, Object code, String field, List<Violation> violations) {
    Optional<Node> c = reference.concept(scheme, String.valueOf(code));
    if (c.isEmpty()) {
      violations.add(
          new Violation(
              field, "'" + code + "' is not a known " + scheme.replace('-', ' ') + " code"));
    }
    return c;
  }

  private static Optional<String> text(Object value) {
    return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
  }

  private static List<String> list(Object value, String field, List<Violation> violations) {
    if (value instanceof Collection<?> c) {
      List<String> out = new ArrayList<>();
      for (Object o : c) {
        if (o instanceof String s && !s.isBlank()) {
          out.add(s.strip());
        } else {
          violations.add(new Violation(field, "Each entry must be non-empty text"));
        }
      }
      return out;
    }
    violations.add(new Violation(field, "Give a list"));
    return List.of();
  }

  /** The content of a version read back from its graph. */
  AgreementContent fromGraph(Graph g, Node version) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Field f : Field.values()) {
      read(g, version, f.property().asNode(), f.kind()).ifPresent(v -> fields.put(f.apiName(), v));
    }
    List<Map<String, Object>> parties = new ArrayList<>();
    g.find(version, DSR.hasParty.asNode(), Node.ANY).toList().stream()
        .map(t -> t.getObject())
        .sorted(java.util.Comparator.comparing(Node::getURI))
        .forEach(
            p -> {
              Map<String, Object> party = new LinkedHashMap<>();
              for (Field.PartyField f : Field.PartyField.values()) {
                read(g, p, f.property().asNode(), f.kind())
                    .ifPresent(v -> party.put(f.apiName(), v));
              }
              parties.add(party);
            });
    return new AgreementContent(fields, parties);
  }

  private Optional<Object> read(Graph g, Node s, Node p, Field.Kind kind) {
    List<Node> values = g.find(s, p, Node.ANY).mapWith(t -> t.getObject()).toList();
    if (values.isEmpty()) {
      return Optional.empty();
    }
    Node first = values.get(0);
    return Optional.of(
        switch (kind) {
          case TEXT, DATE -> first.getLiteralLexicalForm();
          case BOOLEAN -> Boolean.parseBoolean(first.getLiteralLexicalForm());
          case TEXT_LIST -> values.stream().map(Node::getLiteralLexicalForm).sorted().toList();
          case REF -> ReferenceData.code(first);
          case REF_LIST -> values.stream().map(ReferenceData::code).sorted().toList();
          case DATASET_LIST ->
              values.stream().map(n -> ids.slug(n, "dataset").orElse(n.getURI())).sorted().toList();
          case ORGANISATION -> ids.slug(first, "organisation").orElse(first.getURI());
          case ROLE ->
              ROLES.entrySet().stream()
                  .filter(e -> e.getValue().equals(first))
                  .map(Map.Entry::getKey)
                  .findFirst()
                  .orElse(first.getURI());
        });
  }
}
