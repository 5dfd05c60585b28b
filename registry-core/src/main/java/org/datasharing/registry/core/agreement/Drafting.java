package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.agreement.AgreementWrites.add;
import static org.datasharing.registry.core.agreement.AgreementWrites.longLit;
import static org.datasharing.registry.core.agreement.AgreementWrites.timeLit;
import static org.datasharing.registry.core.common.Result.conflict;
import static org.datasharing.registry.core.common.Result.forbidden;
import static org.datasharing.registry.core.common.Result.invalid;

import java.time.Clock;
import java.time.Instant;
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
  private final ContentMapper mapper;
  private final CatalogService catalog;
  private final SubmissionChecks checks;

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
    this.mapper = mapper;
    this.catalog = catalog;
    this.checks = new SubmissionChecks(store, clock, validator, reference, mapper, assurance);
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
        actor,
        AgreementPolicy.Action.EDIT,
        a -> {
          Node v = a.currentVersion();
          if (!content.partyOrganisations().contains(actor.organisation().orElse(""))) {
            return forbidden("Your organisation must stay a party to a draft it edits");
          }
          // the ODRL rules are kept unless the update names them (forms edit the text, not the
          // rules)
          AgreementContent update = withKeptPermissions(content, mapper.fromGraph(a.graph(), v));
          Result<Graph> mapped =
              mapContent(actor, v, update, Set.copyOf(mapper.fromGraph(a.graph(), v).datasets()));
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
        });
  }

  Result<AgreementView> submit(Actor actor, String id) {
    return writes.attempt(
        id,
        actor,
        AgreementPolicy.Action.SUBMIT,
        a -> {
          Node v = a.currentVersion();
          List<Violation> violations = validate(a, v);
          if (!violations.isEmpty()) {
            return invalid(
                "The agreement is not complete: correct these before submitting", violations);
          }
          // every party must be able to approve: the same assurance rule as at approval
          List<Guard> evidence = new ArrayList<>();
          List<Violation> unmet = checks.unmetAssurance(a, v, evidence);
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
        });
  }

  Result<AgreementView> revise(Actor actor, String id) {
    return writes.attempt(
        id,
        actor,
        AgreementPolicy.Action.REVISE,
        a -> {
          return Result.ok(
              newVersion(a, DSR.Edit.asNode(), "new draft version after changes were requested"));
        });
  }

  Result<AgreementView> amend(Actor actor, String id) {
    return writes.attempt(
        id,
        actor,
        AgreementPolicy.Action.AMEND,
        a -> {
          return Result.ok(newVersion(a, DSR.Amend.asNode(), "amendment drafted"));
        });
  }

  /** The SHACL violations of a version, named by the editor's fields, and a past start date. */
  List<Violation> validate(AgreementSnapshot a, Node v) {
    return checks.validate(a, v);
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
    for (String d : content.datasets()) {
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
