package org.datasharing.registry.core.agreement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.validation.ShapeValidator;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * What a version must meet to be submitted: the SHACL shapes (over its text, the reference data,
 * the organisations and the facts of the datasets it shares), a start date not in the past, and
 * every party's assurance. {@link Drafting} asks before submitting; leaving asks the same.
 */
final class SubmissionChecks {
  private final RegistryStore store;
  private final Clock clock;
  private final ShapeValidator validator;
  private final ReferenceData reference;
  private final ContentMapper mapper;
  private final AssuranceCheck assurance;

  SubmissionChecks(
      RegistryStore store,
      Clock clock,
      ShapeValidator validator,
      ReferenceData reference,
      ContentMapper mapper,
      AssuranceCheck assurance) {
    this.store = store;
    this.clock = clock;
    this.validator = validator;
    this.reference = reference;
    this.mapper = mapper;
    this.assurance = assurance;
  }

  /**
   * A violation per party (by its place in the text) whose assurance does not meet the version's.
   */
  List<Violation> unmetAssurance(AgreementSnapshot a, Node v, List<Guard> evidence) {
    List<String> parties = mapper.fromGraph(a.graph(), v).partyOrganisations();
    List<Violation> out = new ArrayList<>();
    for (int i = 0; i < parties.size(); i++) {
      String org = parties.get(i);
      int index = i;
      assurance
          .gap(a, v, org, evidence)
          .ifPresent(
              gap ->
                  out.add(
                      new Violation(
                          "parties[" + index + "].assurance",
                          gap.expiredOn()
                              .map(
                                  d ->
                                      org
                                          + "'s "
                                          + gap.scheme()
                                          + " assurance expired on "
                                          + d
                                          + ", which this agreement requires")
                              .orElse(
                                  org
                                      + " has no "
                                      + gap.scheme()
                                      + " assurance on record, which this agreement requires"))));
    }
    return out;
  }

  /** The SHACL violations of a version, named by the editor's fields, and a past start date. */
  List<Violation> validate(AgreementSnapshot a, Node v) {
    Graph content = a.content(v);
    Graph data =
        new Union(
            new Union(
                new Union(content, reference.graph()), store.graph(Graphs.ORGANISATIONS_NODE)),
            sharedDatasetFacts(content, v));
    List<String> parties = new ArrayList<>(mapper.fromGraph(a.graph(), v).partyOrganisations());
    List<Violation> out = new ArrayList<>(startDateInThePast(a, v).stream().toList());
    out.addAll(
        validator.violations(
            data,
            r -> {
              if (r.focus().isURI() && r.focus().getURI().startsWith(v.getURI() + "/party/")) {
                String slug = r.focus().getURI().substring((v.getURI() + "/party/").length());
                String field =
                    r.field().startsWith("party.")
                        ? r.field().substring("party.".length())
                        : r.field();
                return "parties[" + parties.indexOf(slug) + "]." + field;
              }
              return r.field();
            }));
    return out.stream().distinct().toList();
  }

  /**
   * A start date before the day of submission (UTC) is refused: parties cannot approve sharing that
   * has already begun. Depends on the clock, so it is a check here rather than a shape. An
   * amendment may keep the start date of the version in force.
   */
  private Optional<Violation> startDateInThePast(AgreementSnapshot a, Node v) {
    Optional<LocalDate> start = startDate(a.content(v), v);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (start.isEmpty() || !start.get().isBefore(today)) {
      return Optional.empty();
    }
    Optional<LocalDate> inForce = a.versionInForce().flatMap(f -> startDate(a.content(f), f));
    if (inForce.equals(start)) {
      return Optional.empty();
    }
    return Optional.of(
        new Violation(
            Field.START.apiName(),
            "The start date "
                + start.get()
                + " is before today ("
                + today
                + "): the parties approve sharing before it starts, so choose today or a later"
                + " date"));
  }

  private static Optional<LocalDate> startDate(Graph content, Node v) {
    return content.find(v, DSR.startDate.asNode(), Node.ANY).toList().stream()
        .map(t -> t.getObject())
        .filter(Node::isLiteral)
        .findFirst()
        .flatMap(
            n -> {
              try {
                return Optional.of(LocalDate.parse(n.getLiteralLexicalForm()));
              } catch (DateTimeParseException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * The facts of the datasets the version shares that the shapes hold the version to: their special
   * category and criminal offence flags, their data items and their publisher. Only these, so the
   * catalogue's own shapes (which target dcat:Dataset) do not run on an agreement.
   */
  private Graph sharedDatasetFacts(Graph content, Node v) {
    Graph flags = GraphFactory.createDefaultGraph();
    Graph catalog = store.graph(Graphs.CATALOG_NODE);
    content
        .find(v, DSR.sharesDataset.asNode(), Node.ANY)
        .forEachRemaining(
            shared -> {
              for (Node flag :
                  List.of(
                      DSR.specialCategoryData.asNode(),
                      DSR.criminalOffenceData.asNode(),
                      DSR.dataItem.asNode(),
                      DCTerms.publisher.asNode())) {
                catalog.find(shared.getObject(), flag, Node.ANY).forEachRemaining(flags::add);
              }
            });
    return flags;
  }
}
