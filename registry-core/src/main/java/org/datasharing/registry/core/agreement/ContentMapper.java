package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.common.GraphValues.one;

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
import org.datasharing.registry.core.common.XmlText;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.Bootstrap;
import org.datasharing.registry.core.validation.TextLimits;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.ODRL;

/** Maps {@link AgreementContent} to the triples of a version and back, checking types and codes. */
final class ContentMapper {
  private static final Map<String, Node> ROLES =
      Map.of(
          "controller", DSR.Controller.asNode(),
          "joint-controller", DSR.JointController.asNode(),
          "processor", DSR.Processor.asNode(),
          "recipient", DSR.Recipient.asNode());

  /** The shapes' text lengths (read once: the shapes are on the classpath). */
  private static final TextLimits LIMITS = TextLimits.of(Bootstrap.shapes());

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
              if (name.equals(PERMISSIONS)) {
                writePermissions(g, version, value, violations);
                return;
              }
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
      // the party's number is part of the text, so "Party 2" means the same party after a save
      g.add(
          p,
          DSR.partyNumber.asNode(),
          NodeFactory.createLiteralDT(Integer.toString(i + 1), XSDDatatype.XSDinteger));
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
                  v -> addText(g, s, p, v, field, violations),
                  () -> violations.add(new Violation(field, "Enter text")));
      case TEXT_LIST ->
          list(value, field, violations).forEach(v -> addText(g, s, p, v, field, violations));
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
      case DURATION -> {
        String d = String.valueOf(value).strip();
        if (value instanceof String && XSDDatatype.XSDduration.isValid(d)) {
          g.add(s, p, NodeFactory.createLiteralDT(d, XSDDatatype.XSDduration));
        } else {
          violations.add(
              new Violation(
                  field,
                  "Enter the period as an ISO 8601 duration, such as P7Y for seven years or P18M"
                      + " for eighteen months"));
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

  /**
   * Text XML 1.0 cannot carry, or longer than the shapes allow, is refused here, so drafts (which
   * are validated as a whole only on submit) never store it.
   */
  private static void addText(
      Graph g, Node s, Node p, String text, String field, List<Violation> violations) {
    Optional<String> problem =
        XmlText.isLegal(text)
            ? LIMITS.exceeded(p, text).map(TextLimits.Limit::message)
            : Optional.of(XmlText.MESSAGE);
    if (problem.isEmpty()) {
      g.add(s, p, NodeFactory.createLiteralString(text));
    } else if (!violations.contains(new Violation(field, problem.get()))) {
      violations.add(new Violation(field, problem.get()));
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

  /**
   * The API field for the agreement's ODRL rules: a list of permissions, each {@code {"dataset",
   * "action", "assigner", "assignee", "purposes": [...], "sharingConditions": [...]}}, written as
   * {@code odrl:permission} resources under the version (so they are part of the hashed text).
   */
  static final String PERMISSIONS = "permissions";

  private void writePermissions(Graph g, Node version, Object value, List<Violation> violations) {
    if (!(value instanceof Collection<?> list)) {
      violations.add(new Violation(PERMISSIONS, "Give a list of permissions"));
      return;
    }
    int i = 0;
    for (Object item : list) {
      String field = PERMISSIONS + "[" + i + "]";
      i++;
      if (!(item instanceof Map<?, ?> m)) {
        violations.add(new Violation(field, "Each permission is an object"));
        continue;
      }
      Node p = NodeFactory.createURI(version.getURI() + "/permission/" + i);
      g.add(version, ODRL.permission.asNode(), p);
      g.add(p, RDF.type.asNode(), ODRL.Permission.asNode());
      String action = String.valueOf(m.get("action") == null ? "use" : m.get("action"));
      if (!action.matches("[a-zA-Z]+")) {
        violations.add(new Violation(field + ".action", "Name an ODRL action such as use"));
      } else {
        g.add(p, ODRL.action.asNode(), NodeFactory.createURI(ODRL.NS + action));
      }
      Object dataset = m.get("dataset");
      if (dataset instanceof String slug && Slugs.isValid(slug)) {
        g.add(p, ODRL.target.asNode(), ids.dataset(slug));
      } else {
        violations.add(
            new Violation(field + ".dataset", "Name the dataset the permission is about"));
      }
      for (String role : List.of("assigner", "assignee")) {
        Object org = m.get(role);
        if (org instanceof String slug && Slugs.isValid(slug)) {
          g.add(
              p,
              (role.equals("assigner") ? ODRL.assigner : ODRL.assignee).asNode(),
              ids.organisation(slug));
        } else if (org != null) {
          violations.add(
              new Violation(
                  field + "." + role, "Name the organisation by its registry identifier"));
        }
      }
      if (m.get("sharingConditions") != null) {
        list(m.get("sharingConditions"), field + ".sharingConditions", violations)
            .forEach(
                code ->
                    ref("sharing-condition", code, field + ".sharingConditions", violations)
                        .ifPresent(c -> g.add(p, DSR.sharingCondition.asNode(), c)));
      }
      if (m.get("purposes") != null) {
        List<Node> purposes = new ArrayList<>();
        list(m.get("purposes"), field + ".purposes", violations)
            .forEach(
                code ->
                    ref("purpose", code, field + ".purposes", violations).ifPresent(purposes::add));
        if (!purposes.isEmpty()) {
          Node c = NodeFactory.createURI(p.getURI() + "/constraint/1");
          g.add(p, ODRL.constraint.asNode(), c);
          g.add(c, RDF.type.asNode(), ODRL.Constraint.asNode());
          g.add(c, ODRL.leftOperand.asNode(), ODRL.purpose.asNode());
          g.add(c, ODRL.operator.asNode(), ODRL.isAnyOf.asNode());
          purposes.forEach(x -> g.add(c, ODRL.rightOperand.asNode(), x));
        }
      }
    }
  }

  private List<Map<String, Object>> readPermissions(Graph g, Node version) {
    List<Map<String, Object>> out = new ArrayList<>();
    g.find(version, ODRL.permission.asNode(), Node.ANY).toList().stream()
        .map(t -> t.getObject())
        .sorted(java.util.Comparator.comparing(Node::getURI))
        .forEach(
            p -> {
              Map<String, Object> m = new LinkedHashMap<>();
              one(g, p, ODRL.target.asNode())
                  .flatMap(n -> ids.slug(n, "dataset"))
                  .ifPresent(v -> m.put("dataset", v));
              one(g, p, ODRL.action.asNode())
                  .ifPresent(a -> m.put("action", a.getURI().substring(ODRL.NS.length())));
              one(g, p, ODRL.assigner.asNode())
                  .flatMap(n -> ids.slug(n, "organisation"))
                  .ifPresent(v -> m.put("assigner", v));
              one(g, p, ODRL.assignee.asNode())
                  .flatMap(n -> ids.slug(n, "organisation"))
                  .ifPresent(v -> m.put("assignee", v));
              List<String> conditions =
                  g.find(p, DSR.sharingCondition.asNode(), Node.ANY)
                      .mapWith(t -> ReferenceData.code(t.getObject()))
                      .toList();
              if (!conditions.isEmpty()) {
                m.put("sharingConditions", conditions.stream().sorted().toList());
              }
              List<String> purposes = new ArrayList<>();
              g.find(p, ODRL.constraint.asNode(), Node.ANY)
                  .forEachRemaining(
                      c ->
                          g.find(c.getObject(), ODRL.rightOperand.asNode(), Node.ANY)
                              .forEachRemaining(
                                  r -> purposes.add(ReferenceData.code(r.getObject()))));
              if (!purposes.isEmpty()) {
                m.put("purposes", purposes.stream().sorted().toList());
              }
              out.add(m);
            });
    return out;
  }

  /** The content of a version read back from its graph. */
  AgreementContent fromGraph(Graph g, Node version) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Field f : Field.values()) {
      read(g, version, f.property().asNode(), f.kind()).ifPresent(v -> fields.put(f.apiName(), v));
    }
    List<Map<String, Object>> permissions = readPermissions(g, version);
    if (!permissions.isEmpty()) {
      fields.put(PERMISSIONS, permissions);
    }
    List<Map<String, Object>> parties = new ArrayList<>();
    g.find(version, DSR.hasParty.asNode(), Node.ANY).toList().stream()
        .map(t -> t.getObject())
        // in the order the text numbers them; text written before the numbers, by identifier
        .sorted(
            java.util.Comparator.comparingInt((Node p) -> partyNumber(g, p))
                .thenComparing(Node::getURI))
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

  private static int partyNumber(Graph g, Node party) {
    return g.find(party, DSR.partyNumber.asNode(), Node.ANY).toList().stream()
        .map(t -> t.getObject())
        .filter(n -> n.isLiteral() && n.getLiteralValue() instanceof Number)
        .map(n -> ((Number) n.getLiteralValue()).intValue())
        .findFirst()
        .orElse(Integer.MAX_VALUE);
  }

  private Optional<Object> read(Graph g, Node s, Node p, Field.Kind kind) {
    List<Node> values = g.find(s, p, Node.ANY).mapWith(t -> t.getObject()).toList();
    if (values.isEmpty()) {
      return Optional.empty();
    }
    Node first = values.get(0);
    return Optional.of(
        switch (kind) {
          case TEXT, DATE, DURATION -> first.getLiteralLexicalForm();
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
