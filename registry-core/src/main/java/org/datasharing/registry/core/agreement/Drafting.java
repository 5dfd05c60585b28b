package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.agreement.AgreementWrites.add;
import static org.datasharing.registry.core.agreement.AgreementWrites.longLit;
import static org.datasharing.registry.core.agreement.AgreementWrites.timeLit;
import static org.datasharing.registry.core.common.Result.conflict;
import static org.datasharing.registry.core.common.Result.forbidden;
import static org.datasharing.registry.core.common.Result.invalid;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.agreement.AgreementWrites.Pending;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.validation.ShapeValidator;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * Writing an agreement's text: the first draft, edits to the draft version, submission against the
 * SHACL shapes, and the new version a revision or an amendment starts from the last one's text.
 */
final class Drafting {
  private final AgreementWrites writes;
  private final RegistryStore store;
  private final Ids ids;
  private final Clock clock;
  private final AuditLog audit;
  private final ShapeValidator validator;
  private final ReferenceData reference;
  private final ContentMapper mapper;
  private final CatalogService catalog;
  private final AssuranceCheck assurance;

  Drafting(
      AgreementWrites writes,
      RegistryStore store,
      Ids ids,
      Clock clock,
      AuditLog audit,
      ShapeValidator validator,
      ReferenceData reference,
      ContentMapper mapper,
      CatalogService catalog,
      AssuranceCheck assurance) {
    this.writes = writes;
    this.store = store;
    this.ids = ids;
    this.clock = clock;
    this.audit = audit;
    this.validator = validator;
    this.reference = reference;
    this.mapper = mapper;
    this.catalog = catalog;
    this.assurance = assurance;
  }

  /**
   * Creates version 1 as a draft; not a guarded attempt, since the agreement does not exist yet.
   */
  Result<String> createDraft(Actor actor, Optional<String> requestedId, AgreementContent content) {
    if (actor.organisation().isEmpty()
        || !(actor.has(Actor.Role.PARTNER) || actor.has(Actor.Role.DPO))) {
      return forbidden("Only staff of a member organisation can draft agreements");
    }
    String id = requestedId.orElseGet(() -> "dsa-" + UUID.randomUUID().toString().substring(0, 8));
    if (!Slugs.isValid(id)) {
      return invalid(
          new Violation("id", "Use lower-case letters, digits and hyphens for the identifier"));
    }
    if (!content.partyOrganisations().contains(actor.organisation().get())) {
      return forbidden("Your organisation must be one of the parties to an agreement you draft");
    }
    Node ag = ids.agreement(id);
    Node v = ids.version(ag, 1);
    Result<Graph> mapped = mapContent(actor, v, content, Set.of());
    if (!mapped.ok()) {
      return mapped.asFailure();
    }
    // the same rule as an edit: the drafter gives its own answers, each other party gives its own
    Optional<AgreementPolicy.Refusal> notTheirs =
        AgreementPolicy.partyAnswers(
            actor, AgreementContent.NONE, mapper.fromGraph(mapped.value(), v));
    if (notTheirs.isPresent()) {
      return notTheirs.get().result();
    }
    Instant now = clock.instant();
    List<Quad> add = new ArrayList<>();
    add(add, ag, ag, RDF.type.asNode(), DSR.DataSharingAgreement.asNode());
    add(add, ag, ag, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(id));
    add(add, ag, ag, DSR.status.asNode(), AgreementStatus.DRAFT.node());
    add(add, ag, ag, DSR.revision.asNode(), longLit(1));
    add(add, ag, ag, DSR.currentVersion.asNode(), v);
    add(add, ag, ag, DCTerms.created.asNode(), timeLit(now));
    // who may withdraw or delete it; on the agreement, not in the (hashed) version text
    add(add, ag, ag, DCTerms.creator.asNode(), ids.organisation(actor.organisation().get()));
    add(add, ag, ag, DCTerms.modified.asNode(), timeLit(now));
    add(add, ag, ag, DSR.hasVersion.asNode(), v);
    Graph text = contentOf(ag, v, mapped.value(), 1, Optional.empty());
    text.find().forEachRemaining(t -> add.add(new Quad(ag, t)));
    String hash = VersionHashes.ofText(text, v);
    Change change =
        new Change(
            List.of(Guard.absent(ag, ag, DSR.revision.asNode(), Node.ANY)),
            List.of(),
            add,
            audit.appender(audit.event(DSR.Create.asNode(), actor, ag, v, hash, "draft created")));
    if (store.commit(change) == RegistryStore.CommitOutcome.CONFLICT) {
      return conflict("An agreement with the identifier " + id + " already exists");
    }
    return Result.ok(id);
  }

  Result<AgreementView> updateDraft(Actor actor, String id, AgreementContent content) {
    return writes.attempt(
        id,
        a -> {
          Optional<AgreementPolicy.Refusal> refused =
              AgreementPolicy.check(actor, a, AgreementPolicy.Action.EDIT);
          if (refused.isPresent()) {
            return refused.get().result();
          }
          Node v = a.currentVersion();
          if (!content.partyOrganisations().contains(actor.organisation().orElse(""))) {
            return forbidden("Your organisation must stay a party to a draft it edits");
          }
          // the ODRL rules are kept unless the update names them (forms edit the text, not the
          // rules)
          AgreementContent update = withKeptPermissions(content, mapper.fromGraph(a.graph(), v));
          Result<Graph> mapped =
              mapContent(actor, v, update, Set.copyOf(datasetsOf(mapper.fromGraph(a.graph(), v))));
          if (!mapped.ok()) {
            return mapped.asFailure();
          }
          // compared as read back from the text, so an answer written differently is no change
          Optional<AgreementPolicy.Refusal> notTheirs =
              AgreementPolicy.partyAnswers(
                  actor, mapper.fromGraph(a.graph(), v), mapper.fromGraph(mapped.value(), v));
          if (notTheirs.isPresent()) {
            return notTheirs.get().result();
          }
          Graph old = a.content(v);
          List<Quad> remove = new ArrayList<>();
          List<Quad> add = new ArrayList<>();
          old.find().forEachRemaining(t -> remove.add(new Quad(a.iri(), t)));
          Optional<Node> previous = a.one(v, PROV.wasRevisionOf.asNode());
          Graph fresh = contentOf(a.iri(), v, mapped.value(), a.number(v), previous);
          fresh.find().forEachRemaining(t -> add.add(new Quad(a.iri(), t)));
          return Result.ok(
              new Pending(
                  remove,
                  add,
                  DSR.Edit.asNode(),
                  v,
                  VersionHashes.ofText(fresh, v),
                  "draft edited"));
        },
        actor);
  }

  Result<AgreementView> submit(Actor actor, String id) {
    return writes.attempt(
        id,
        a -> {
          Optional<AgreementPolicy.Refusal> refused =
              AgreementPolicy.check(actor, a, AgreementPolicy.Action.SUBMIT);
          if (refused.isPresent()) {
            return refused.get().result();
          }
          Node v = a.currentVersion();
          List<Violation> violations = validate(a, v);
          if (!violations.isEmpty()) {
            return invalid(
                "The agreement is not complete: correct these before submitting", violations);
          }
          // every party must be able to approve: the same assurance rule as at approval
          List<Guard> evidence = new ArrayList<>();
          List<Violation> unmet = unmetAssurance(a, v, evidence);
          if (!unmet.isEmpty()) {
            return invalid("A party cannot meet the assurance this agreement requires", unmet);
          }
          Pending planned =
              writes.workflowTo(
                  a, AgreementStatus.SUBMITTED, DSR.Submit.asNode(), "submitted for approval");
          Pending p =
              new Pending(
                  planned.remove(),
                  planned.add(),
                  planned.action(),
                  planned.version(),
                  planned.hash(),
                  planned.detail(),
                  evidence);
          if (!a.everSubmitted()) {
            // a submitted agreement is never deleted, even after it is withdrawn
            p.add()
                .add(
                    Quad.create(
                        a.iri(),
                        a.iri(),
                        DCTerms.dateSubmitted.asNode(),
                        AgreementWrites.timeLit(clock.instant())));
          }
          return Result.ok(p);
        },
        actor);
  }

  Result<AgreementView> revise(Actor actor, String id) {
    return writes.attempt(
        id,
        a -> {
          Optional<AgreementPolicy.Refusal> refused =
              AgreementPolicy.check(actor, a, AgreementPolicy.Action.REVISE);
          if (refused.isPresent()) {
            return refused.get().result();
          }
          return Result.ok(
              newVersion(a, DSR.Edit.asNode(), "new draft version after changes were requested"));
        },
        actor);
  }

  Result<AgreementView> amend(Actor actor, String id) {
    return writes.attempt(
        id,
        a -> {
          Optional<AgreementPolicy.Refusal> refused =
              AgreementPolicy.check(actor, a, AgreementPolicy.Action.AMEND);
          if (refused.isPresent()) {
            return refused.get().result();
          }
          return Result.ok(newVersion(a, DSR.Amend.asNode(), "amendment drafted"));
        },
        actor);
  }

  /** The SHACL violations of a version, named by the editor's fields. */
  /**
   * A violation per party (by its place in the text) whose assurance does not meet the version's.
   */
  private List<Violation> unmetAssurance(AgreementSnapshot a, Node v, List<Guard> evidence) {
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

  private Pending newVersion(AgreementSnapshot a, Node action, String detail) {
    return newVersion(
        a, action, detail, action.equals(DSR.Amend.asNode()), UnaryOperator.identity());
  }

  /**
   * A new version from the current one's text, changed by {@code change}: an amendment (the
   * agreement stays in force meanwhile) or the agreement's own next draft.
   */
  Pending newVersion(
      AgreementSnapshot a,
      Node action,
      String detail,
      boolean amendment,
      UnaryOperator<AgreementContent> change) {
    Node ag = a.iri();
    Node old = a.currentVersion();
    int n = a.versions().stream().mapToInt(a::number).max().orElse(0) + 1;
    Node v = ids.version(ag, n);
    AgreementContent text = change.apply(mapper.fromGraph(a.graph(), old));
    Graph mapped = mapper.toGraph(v, text).orElseThrow();
    Graph fresh = contentOf(ag, v, mapped, n, Optional.of(old));
    List<Quad> remove = new ArrayList<>();
    List<Quad> add = new ArrayList<>();
    fresh.find().forEachRemaining(t -> add.add(new Quad(ag, t)));
    add.add(Quad.create(ag, ag, DSR.hasVersion.asNode(), v));
    a.triples(ag, DSR.currentVersion.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
    add.add(Quad.create(ag, ag, DSR.currentVersion.asNode(), v));
    if (amendment) {
      a.triples(ag, DSR.amendmentStatus.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
      add.add(Quad.create(ag, ag, DSR.amendmentStatus.asNode(), AgreementStatus.DRAFT.node()));
    } else {
      AgreementWrites.setWorkflowStatus(a, AgreementStatus.DRAFT, remove, add);
    }
    return new Pending(
        remove, add, action, v, VersionHashes.ofText(fresh, v), detail + " (version " + n + ")");
  }

  private static AgreementContent withKeptPermissions(
      AgreementContent update, AgreementContent old) {
    if (update.fields().containsKey(ContentMapper.PERMISSIONS)
        || !old.fields().containsKey(ContentMapper.PERMISSIONS)) {
      return update;
    }
    Map<String, Object> fields = new LinkedHashMap<>(update.fields());
    fields.put(ContentMapper.PERMISSIONS, old.fields().get(ContentMapper.PERMISSIONS));
    return new AgreementContent(fields, update.parties());
  }

  private static List<String> datasetsOf(AgreementContent content) {
    return content.fields().get(Field.DATASETS.apiName()) instanceof List<?> list
        ? list.stream().map(String::valueOf).toList()
        : List.of();
  }

  /**
   * Maps the content to the version's triples and checks what it names exists. A dataset the actor
   * may not see counts as absent (so a draft cannot probe for hidden datasets), unless the version
   * already named it (a co-party that publishes it added it).
   */
  private Result<Graph> mapContent(
      Actor actor, Node v, AgreementContent content, Set<String> alreadyNamed) {
    Result<Graph> mapped = mapper.toGraph(v, content);
    if (!mapped.ok()) {
      return mapped;
    }
    List<Violation> missing = new ArrayList<>();
    for (int i = 0; i < content.parties().size(); i++) {
      String org = content.partyOrganisations().get(i);
      if (!exists(
          Graphs.ORGANISATIONS_NODE, ids.organisation(org), ORG.FormalOrganization.asNode())) {
        missing.add(
            new Violation(
                "parties[" + i + "].organisation",
                "There is no organisation '" + org + "' in the registry"));
      }
    }
    for (String d : datasetsOf(content)) {
      boolean known =
          alreadyNamed.contains(d)
              ? exists(Graphs.CATALOG_NODE, ids.dataset(d), DCAT.Dataset.asNode())
              : catalog.get(actor, d).isPresent();
      if (!known) {
        missing.add(new Violation("datasets", "There is no dataset '" + d + "' in the catalogue"));
      }
    }
    return missing.isEmpty()
        ? mapped
        : invalid("The agreement names things the registry does not know", missing);
  }

  private boolean exists(Node graph, Node subject, Node type) {
    return store.ask(
        Queries.bind("resource-exists", Map.of("g", graph, "s", subject, "type", type)));
  }

  /** Version number, link to its agreement and predecessor: part of the hashed text. */
  private static List<Triple> versionHeader(Node ag, Node v, int n, Optional<Node> previous) {
    List<Triple> ts = new ArrayList<>();
    ts.add(Triple.create(v, RDF.type.asNode(), DSR.AgreementVersion.asNode()));
    ts.add(Triple.create(v, DSR.versionOf.asNode(), ag));
    ts.add(
        Triple.create(
            v,
            DSR.versionNumber.asNode(),
            NodeFactory.createLiteralDT(Integer.toString(n), XSDDatatype.XSDinteger)));
    previous.ifPresent(p -> ts.add(Triple.create(v, PROV.wasRevisionOf.asNode(), p)));
    return ts;
  }

  /**
   * The triples a version's text is written as: its header and the mapped content. Only a builder:
   * what the text is, and so its hash, is {@link VersionHashes#ofText}'s definition.
   */
  private static Graph contentOf(Node ag, Node v, Graph mapped, int n, Optional<Node> previous) {
    Graph g = GraphFactory.createDefaultGraph();
    versionHeader(ag, v, n, previous).forEach(g::add);
    mapped.find().forEachRemaining(g::add);
    return g;
  }
}
