package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.common.Result.conflict;
import static org.datasharing.registry.core.common.Result.forbidden;
import static org.datasharing.registry.core.common.Result.invalid;
import static org.datasharing.registry.core.common.Result.notFound;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
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
 * The agreement lifecycle: drafting, submission against the SHACL shapes, each party's DPO decision
 * on the exact version text, and the transitions after approval. Every change is one guarded,
 * audited commit; a change that loses a race is re-read and re-checked, never lost.
 */
public final class AgreementService {
  private static final int MAX_ATTEMPTS = 30;

  private final RegistryStore store;
  private final Ids ids;
  private final Clock clock;
  private final AuditLog audit;
  private final ShapeValidator validator;
  private final ReferenceData reference;
  private final ContentMapper mapper;
  private final VersionHashes hashes = new VersionHashes();
  private final AgreementReads reads;
  private final CatalogService catalog;

  public AgreementService(
      RegistryStore store,
      Ids ids,
      Clock clock,
      AuditLog audit,
      ShapeValidator validator,
      ReferenceData reference,
      CatalogService catalog) {
    this.catalog = catalog;
    this.store = store;
    this.ids = ids;
    this.clock = clock;
    this.audit = audit;
    this.validator = validator;
    this.reference = reference;
    this.mapper = new ContentMapper(ids, reference);
    this.reads = new AgreementReads(store, ids, mapper, hashes);
  }

  private static AgreementContent withKeptPermissions(
      AgreementContent update, AgreementContent old) {
    if (update.fields().containsKey(ContentMapper.PERMISSIONS)
        || !old.fields().containsKey(ContentMapper.PERMISSIONS)) {
      return update;
    }
    Map<String, Object> fields = new java.util.LinkedHashMap<>(update.fields());
    fields.put(ContentMapper.PERMISSIONS, old.fields().get(ContentMapper.PERMISSIONS));
    return new AgreementContent(fields, update.parties());
  }

  /** A DPO's decision on a version. */
  public enum Outcome {
    APPROVE(DSR.Approve.asNode()),
    REJECT(DSR.Reject.asNode()),
    REQUEST_CHANGES(DSR.RequestChanges.asNode());

    private final Node node;

    Outcome(Node node) {
      this.node = node;
    }

    public Node node() {
      return node;
    }

    static Optional<Outcome> of(Node node) {
      return Arrays.stream(values()).filter(o -> o.node.equals(node)).findFirst();
    }
  }

  // ---------------------------------------------------------------- reads

  public Result<AgreementView> get(Actor actor, String id) {
    return reads.get(actor, id);
  }

  /**
   * What {@link #submit} would refuse in the current version, without changing anything: the SHACL
   * violations by field, empty when the version is complete. For the editor's task list.
   */
  public Result<List<Violation>> check(Actor actor, String id) {
    return reads
        .load(id)
        .flatMap(
            a ->
                reads.canSee(actor, a)
                    ? Result.ok(validate(a, a.currentVersion()))
                    : forbidden("Your organisation is not party to agreement " + id));
  }

  public List<AgreementView.Summary> list(Actor actor) {
    return reads.list(actor);
  }

  /** The version in force at an instant: approved by every party by then and within its dates. */
  public Result<Optional<Integer>> versionInForceAt(Actor actor, String id, Instant at) {
    return reads.versionInForceAt(actor, id, at);
  }

  /** The text of one version, with its content hash. */
  public record VersionText(int number, String iri, String contentHash, AgreementContent content) {}

  public Result<VersionText> version(Actor actor, String id, int number) {
    return reads.version(actor, id, number);
  }

  /**
   * What the public transparency register shows of an agreement: summary fields of the version in
   * force.
   */
  public record RegisterEntry(
      String id,
      String iri,
      String title,
      AgreementStatus status,
      List<String> parties,
      AgreementContent summary) {}

  /**
   * Agreements that are or were in force, never drafts or refused ones, with public fields only.
   */
  public List<RegisterEntry> register() {
    return reads.register();
  }

  /**
   * The agreement as linked data: the whole graph for parties and auditors; for anyone else, only
   * an agreement that is or was in force, with its public fields. Others get NOT_FOUND, so drafts
   * are not even confirmed to exist.
   */
  public Result<Graph> describe(Actor actor, String id) {
    return reads.describe(actor, id);
  }

  /** A human-readable diff between two versions' texts. */
  public Result<VersionDiff> diff(Actor actor, String id, int from, int to) {
    return reads.diff(actor, id, from, to);
  }

  // ---------------------------------------------------------------- drafting

  public Result<AgreementView> createDraft(
      Actor actor, Optional<String> requestedId, AgreementContent content) {
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
    Result<Graph> mapped = mapContent(actor, v, content, java.util.Set.of());
    if (!mapped.ok()) {
      return mapped.asFailure();
    }
    Instant now = clock.instant();
    List<Quad> add = new ArrayList<>();
    add(add, ag, ag, RDF.type.asNode(), DSR.DataSharingAgreement.asNode());
    add(add, ag, ag, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(id));
    add(add, ag, ag, DSR.status.asNode(), AgreementStatus.DRAFT.node());
    add(add, ag, ag, DSR.revision.asNode(), longLit(1));
    add(add, ag, ag, DSR.currentVersion.asNode(), v);
    add(add, ag, ag, DCTerms.created.asNode(), timeLit(now));
    add(add, ag, ag, DCTerms.modified.asNode(), timeLit(now));
    add(add, ag, ag, DSR.hasVersion.asNode(), v);
    versionHeader(ag, v, 1, Optional.empty())
        .forEach(t -> add(add, ag, t.getSubject(), t.getPredicate(), t.getObject()));
    mapped.value().find().forEachRemaining(t -> add.add(new Quad(ag, t)));
    String hash = AuditLog.sha256Hex(contentOf(ag, v, mapped.value(), 1, Optional.empty()));
    Change change =
        new Change(
            List.of(Guard.absent(ag, ag, DSR.revision.asNode(), Node.ANY)),
            List.of(),
            add,
            audit.appender(audit.event(DSR.Create.asNode(), actor, ag, v, hash, "draft created")));
    if (store.commit(change) == RegistryStore.CommitOutcome.CONFLICT) {
      return conflict("An agreement with the identifier " + id + " already exists");
    }
    return get(actor, id);
  }

  /** Replaces the text of the draft version being worked on. */
  public Result<AgreementView> updateDraft(Actor actor, String id, AgreementContent content) {
    return attempt(
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
              mapContent(
                  actor,
                  v,
                  update,
                  java.util.Set.copyOf(datasetsOf(mapper.fromGraph(a.graph(), v))));
          if (!mapped.ok()) {
            return mapped.asFailure();
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
                  remove, add, DSR.Edit.asNode(), v, AuditLog.sha256Hex(fresh), "draft edited"));
        },
        actor);
  }

  public Result<AgreementView> submit(Actor actor, String id) {
    return attempt(
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
          Pending p =
              workflowTo(
                  a, AgreementStatus.SUBMITTED, DSR.Submit.asNode(), "submitted for approval");
          return Result.ok(p);
        },
        actor);
  }

  /** Starts a new draft version after changes were requested. */
  public Result<AgreementView> revise(Actor actor, String id) {
    return attempt(
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

  /**
   * Starts an amendment of an agreement in force; the approved version stays in force meanwhile.
   */
  public Result<AgreementView> amend(Actor actor, String id) {
    return attempt(
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

  // ---------------------------------------------------------------- decisions

  public Result<AgreementView> decide(
      Actor actor, String id, int versionNumber, Outcome outcome, Optional<String> reason) {
    return attempt(
        id,
        a -> {
          Node v = a.currentVersion();
          Optional<Node> named = a.version(versionNumber);
          if (named.isEmpty()) {
            return notFound("Agreement " + id + " has no version " + versionNumber);
          }
          Optional<AgreementPolicy.Refusal> refused =
              AgreementPolicy.check(actor, a, AgreementPolicy.Action.DECIDE);
          if (refused.isPresent()) {
            return refused.get().result();
          }
          String org = actor.organisation().orElseThrow();
          if (!named.get().equals(v)) {
            return conflict(
                "Version "
                    + versionNumber
                    + " is not the version awaiting decision ("
                    + a.number(v)
                    + ")");
          }
          if (outcome != Outcome.APPROVE && reason.filter(r -> !r.isBlank()).isEmpty()) {
            return invalid(
                new Violation("reason", "Give a reason when you reject or request changes"));
          }
          List<Guard> evidence = new ArrayList<>();
          if (outcome == Outcome.APPROVE) {
            Optional<String> missing = missingAssurance(a, v, org, evidence);
            if (missing.isPresent()) {
              return invalid(new Violation("assurance", missing.get()));
            }
          }
          Instant now = clock.instant();
          String hash = hashes.of(a, v);
          Node d = ids.decision(a.iri(), UUID.randomUUID().toString());
          Node ag = a.iri();
          List<Quad> add = new ArrayList<>();
          add(add, ag, d, RDF.type.asNode(), DSR.Decision.asNode());
          add(add, ag, d, RDF.type.asNode(), PROV.Activity.asNode());
          add(add, ag, d, DSR.decisionOn.asNode(), v);
          add(add, ag, d, DSR.outcome.asNode(), outcome.node());
          add(add, ag, d, PROV.wasAssociatedWith.asNode(), ids.user(actor));
          add(add, ag, d, DSR.onBehalfOf.asNode(), ids.organisation(org));
          add(add, ag, d, PROV.endedAtTime.asNode(), timeLit(now));
          add(add, ag, d, DSR.contentHash.asNode(), NodeFactory.createLiteralString(hash));
          reason
              .filter(r -> !r.isBlank())
              .ifPresent(
                  r ->
                      add(
                          add,
                          ag,
                          d,
                          DSR.reason.asNode(),
                          NodeFactory.createLiteralString(r.strip())));
          List<Quad> remove = new ArrayList<>();
          String detail = outcome.name().toLowerCase().replace('_', ' ') + " by " + org;
          AgreementStatus next =
              switch (outcome) {
                case REJECT -> AgreementStatus.REJECTED;
                case REQUEST_CHANGES -> AgreementStatus.CHANGES_REQUESTED;
                case APPROVE ->
                    AgreementPolicy.approvalComplete(a, v, java.util.Set.of(org))
                        ? AgreementStatus.APPROVED
                        : AgreementStatus.SUBMITTED;
              };
          if (next != AgreementStatus.SUBMITTED) {
            detail +=
                "; agreement now "
                    + (a.amendmentStatus().isPresent() && next == AgreementStatus.APPROVED
                        ? "amended"
                        : next);
            setWorkflowStatus(a, next, remove, add);
            if (next == AgreementStatus.APPROVED) {
              a.triples(ag, DSR.versionInForce.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
              add(add, ag, ag, DSR.versionInForce.asNode(), v);
            }
          }
          if (reason.isPresent() && outcome != Outcome.APPROVE) {
            detail += ": " + reason.get().strip();
          }
          // the assurance read above must still hold when the decision commits
          return Result.ok(
              new Pending(remove, add, DSR.Decide.asNode(), v, hash, detail, evidence));
        },
        actor);
  }

  // ---------------------------------------------------------------- after approval

  public Result<AgreementView> suspend(Actor actor, String id, String reason) {
    return endOrPause(actor, id, reason, AgreementStatus.SUSPENDED, DSR.Suspend.asNode());
  }

  public Result<AgreementView> resume(Actor actor, String id, String reason) {
    return endOrPause(actor, id, reason, AgreementStatus.ACTIVE, DSR.Resume.asNode());
  }

  public Result<AgreementView> terminate(Actor actor, String id, String reason) {
    return endOrPause(actor, id, reason, AgreementStatus.TERMINATED, DSR.Terminate.asNode());
  }

  private Result<AgreementView> endOrPause(
      Actor actor, String id, String reason, AgreementStatus target, Node action) {
    return attempt(
        id,
        a -> {
          if (reason == null || reason.isBlank()) {
            return invalid(new Violation("reason", "Give a reason"));
          }
          AgreementPolicy.Action act =
              switch (target) {
                case SUSPENDED -> AgreementPolicy.Action.SUSPEND;
                case ACTIVE -> AgreementPolicy.Action.RESUME;
                default -> AgreementPolicy.Action.TERMINATE;
              };
          Optional<AgreementPolicy.Refusal> refused = AgreementPolicy.check(actor, a, act);
          if (refused.isPresent()) {
            return refused.get().result();
          }
          return Result.ok(statusTo(a, target, action, reason.strip()));
        },
        actor);
  }

  /**
   * Applies the clock: approved agreements start on their start date, are due for review from their
   * review date and expire after their end date. Returns how many agreements moved.
   */
  public int tick() {
    int moved = 0;
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    for (var b : store.select(Queries.get("agreements-due"))) {
      String id = ids.slug(b.get("ag"), "agreement").orElse(null);
      if (id == null) {
        continue;
      }
      Result<AgreementView> r =
          attempt(
              id,
              a -> {
                Node v = a.versionInForce().orElse(a.currentVersion());
                Optional<LocalDate> start = a.date(v, DSR.startDate.asNode());
                Optional<LocalDate> review = a.date(v, DSR.reviewDate.asNode());
                Optional<LocalDate> end = a.date(v, DSR.endDate.asNode());
                AgreementStatus s = a.status();
                AgreementStatus target = null;
                if (end.filter(today::isAfter).isPresent()
                    && s.canMoveTo(AgreementStatus.EXPIRED)) {
                  target = AgreementStatus.EXPIRED;
                } else if (s == AgreementStatus.APPROVED
                    && start.filter(d -> !today.isBefore(d)).isPresent()) {
                  target =
                      review.filter(d -> !today.isBefore(d)).isPresent()
                          ? AgreementStatus.REVIEW_DUE
                          : AgreementStatus.ACTIVE;
                } else if (s == AgreementStatus.ACTIVE
                    && review.filter(d -> !today.isBefore(d)).isPresent()) {
                  target = AgreementStatus.REVIEW_DUE;
                }
                if (target == null) {
                  return notFound("nothing to do");
                }
                Node action =
                    switch (target) {
                      case EXPIRED -> DSR.Expire.asNode();
                      case REVIEW_DUE -> DSR.MarkReviewDue.asNode();
                      default -> DSR.Activate.asNode();
                    };
                return Result.ok(statusTo(a, target, action, "by date on " + today));
              },
              Actor.system());
      if (r.ok()) {
        moved++;
      }
    }
    return moved;
  }

  // ---------------------------------------------------------------- internals

  /** What one attempt wants to write. */
  private record Pending(
      List<Quad> remove,
      List<Quad> add,
      Node action,
      Node version,
      String hash,
      String detail,
      List<Guard> guards) {
    Pending(
        List<Quad> remove, List<Quad> add, Node action, Node version, String hash, String detail) {
      this(remove, add, action, version, hash, detail, List.of());
    }
  }

  /** Reads, decides and commits guarded by the agreement's revision; a lost race is retried. */
  private Result<AgreementView> attempt(
      String id, Function<AgreementSnapshot, Result<Pending>> step, Actor actor) {
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      Result<AgreementSnapshot> loaded = reads.load(id);
      if (!loaded.ok()) {
        return loaded.asFailure();
      }
      AgreementSnapshot a = loaded.value();
      if (!AgreementPolicy.canSee(actor, a)) {
        return forbidden("Your organisation is not party to agreement " + id);
      }
      Result<Pending> planned = step.apply(a);
      if (!planned.ok()) {
        return planned.asFailure();
      }
      Pending p = planned.value();
      Node ag = a.iri();
      List<Quad> remove = new ArrayList<>(p.remove());
      List<Quad> add = new ArrayList<>(p.add());
      remove.add(Quad.create(ag, ag, DSR.revision.asNode(), a.revisionNode()));
      add.add(Quad.create(ag, ag, DSR.revision.asNode(), longLit(a.revision() + 1)));
      a.triples(ag, DCTerms.modified.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
      add.add(Quad.create(ag, ag, DCTerms.modified.asNode(), timeLit(clock.instant())));
      List<Guard> guards = new ArrayList<>(p.guards());
      guards.add(Guard.exists(ag, ag, DSR.revision.asNode(), a.revisionNode()));
      Change change =
          new Change(
              guards,
              remove,
              add,
              audit.appender(
                  audit.event(p.action(), actor, ag, p.version(), p.hash(), p.detail())));
      if (store.commit(change) == RegistryStore.CommitOutcome.APPLIED) {
        // the revision guard held, so the graph now is the snapshot with this change applied:
        // no need to read it back
        return Result.ok(reads.view(actor, a.with(remove, add)));
      }
      backOff(i);
    }
    return conflict("Agreement " + id + " is changing too often; try again");
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
      Actor actor, Node v, AgreementContent content, java.util.Set<String> alreadyNamed) {
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
  private static List<org.apache.jena.graph.Triple> versionHeader(
      Node ag, Node v, int n, Optional<Node> previous) {
    List<org.apache.jena.graph.Triple> ts = new ArrayList<>();
    ts.add(
        org.apache.jena.graph.Triple.create(v, RDF.type.asNode(), DSR.AgreementVersion.asNode()));
    ts.add(org.apache.jena.graph.Triple.create(v, DSR.versionOf.asNode(), ag));
    ts.add(
        org.apache.jena.graph.Triple.create(
            v,
            DSR.versionNumber.asNode(),
            NodeFactory.createLiteralDT(Integer.toString(n), XSDDatatype.XSDinteger)));
    previous.ifPresent(
        p -> ts.add(org.apache.jena.graph.Triple.create(v, PROV.wasRevisionOf.asNode(), p)));
    return ts;
  }

  private static Graph contentOf(Node ag, Node v, Graph mapped, int n, Optional<Node> previous) {
    Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
    versionHeader(ag, v, n, previous).forEach(g::add);
    mapped.find().forEachRemaining(g::add);
    return g;
  }

  private List<Violation> validate(AgreementSnapshot a, Node v) {
    Graph content = a.content(v);
    Graph data =
        new Union(new Union(content, reference.graph()), store.graph(Graphs.ORGANISATIONS_NODE));
    List<String> parties = new ArrayList<>(mapper.fromGraph(a.graph(), v).partyOrganisations());
    return validator.violations(
        data,
        r -> {
          if (r.focus().isURI() && r.focus().getURI().startsWith(v.getURI() + "/party/")) {
            String slug = r.focus().getURI().substring((v.getURI() + "/party/").length());
            String field =
                r.field().startsWith("party.") ? r.field().substring("party.".length()) : r.field();
            return "parties[" + parties.indexOf(slug) + "]." + field;
          }
          return r.field();
        });
  }

  /**
   * Why the organisation's assurance on record does not meet the version's requirements, if it does
   * not; adds to {@code evidence} a guard for each certificate date it relied on, so a decision
   * never commits on assurance that changed after it was read.
   */
  private Optional<String> missingAssurance(
      AgreementSnapshot a, Node v, String org, List<Guard> evidence) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<Node> required =
        a.graph()
            .find(v, DSR.requiredAssurance.asNode(), Node.ANY)
            .mapWith(t -> t.getObject())
            .toList();
    if (required.isEmpty()) {
      return Optional.empty();
    }
    var rows =
        store.select(Queries.bind("organisation-assurance", Map.of("org", ids.organisation(org))));
    for (var b : rows) {
      if (b.get("validUntil") != null && required.contains(b.get("scheme"))) {
        evidence.add(
            Guard.exists(
                Graphs.ORGANISATIONS_NODE,
                b.get("c"),
                DSR.validUntil.asNode(),
                b.get("validUntil")));
      }
    }
    for (Node scheme : required) {
      Optional<LocalDate> validUntil =
          rows.stream()
              .filter(b -> scheme.equals(b.get("scheme")))
              .map(b -> b.get("validUntil"))
              .filter(n -> n != null)
              .map(n -> LocalDate.parse(n.getLiteralLexicalForm()))
              .max(LocalDate::compareTo);
      String name = reference.label(scheme);
      if (validUntil.isEmpty()) {
        return Optional.of(
            "Your organisation has no "
                + name
                + " assurance on record, which this agreement requires");
      }
      if (validUntil.get().isBefore(today)) {
        return Optional.of(
            "Your organisation's "
                + name
                + " assurance expired on "
                + validUntil.get()
                + "; renew it before approving");
      }
    }
    return Optional.empty();
  }

  private Pending workflowTo(
      AgreementSnapshot a, AgreementStatus target, Node action, String detail) {
    List<Quad> remove = new ArrayList<>();
    List<Quad> add = new ArrayList<>();
    setWorkflowStatus(a, target, remove, add);
    Node v = a.currentVersion();
    return new Pending(remove, add, action, v, hashes.of(a, v), detail);
  }

  /** Moves the amendment's status if one is under way, else the agreement's. */
  private static void setWorkflowStatus(
      AgreementSnapshot a, AgreementStatus target, List<Quad> remove, List<Quad> add) {
    Node ag = a.iri();
    boolean amending = a.amendmentStatus().isPresent();
    Node property = amending ? DSR.amendmentStatus.asNode() : DSR.status.asNode();
    a.triples(ag, property).forEach(t -> remove.add(new Quad(ag, t)));
    if (!(amending && target == AgreementStatus.APPROVED)) {
      add.add(Quad.create(ag, ag, property, target.node()));
    }
  }

  private Pending statusTo(
      AgreementSnapshot a, AgreementStatus target, Node action, String reason) {
    Node ag = a.iri();
    List<Quad> remove = new ArrayList<>();
    List<Quad> add = new ArrayList<>();
    a.triples(ag, DSR.status.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
    add.add(Quad.create(ag, ag, DSR.status.asNode(), target.node()));
    a.triples(ag, DSR.statusReason.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
    add.add(
        Quad.create(ag, ag, DSR.statusReason.asNode(), NodeFactory.createLiteralString(reason)));
    if (target == AgreementStatus.TERMINATED || target == AgreementStatus.EXPIRED) {
      add.add(Quad.create(ag, ag, DSR.endedAt.asNode(), timeLit(clock.instant())));
    }
    Node v = a.versionInForce().orElse(a.currentVersion());
    return new Pending(remove, add, action, v, hashes.of(a, v), target + ": " + reason);
  }

  private Pending newVersion(AgreementSnapshot a, Node action, String detail) {
    Node ag = a.iri();
    Node old = a.currentVersion();
    int n = a.versions().stream().mapToInt(a::number).max().orElse(0) + 1;
    Node v = ids.version(ag, n);
    AgreementContent text = mapper.fromGraph(a.graph(), old);
    Graph mapped = mapper.toGraph(v, text).orElseThrow();
    Graph fresh = contentOf(ag, v, mapped, n, Optional.of(old));
    List<Quad> remove = new ArrayList<>();
    List<Quad> add = new ArrayList<>();
    fresh.find().forEachRemaining(t -> add.add(new Quad(ag, t)));
    add.add(Quad.create(ag, ag, DSR.hasVersion.asNode(), v));
    a.triples(ag, DSR.currentVersion.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
    add.add(Quad.create(ag, ag, DSR.currentVersion.asNode(), v));
    if (action.equals(DSR.Amend.asNode())) {
      a.triples(ag, DSR.amendmentStatus.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
      add.add(Quad.create(ag, ag, DSR.amendmentStatus.asNode(), AgreementStatus.DRAFT.node()));
    } else {
      setWorkflowStatus(a, AgreementStatus.DRAFT, remove, add);
    }
    return new Pending(
        remove, add, action, v, AuditLog.sha256Hex(fresh), detail + " (version " + n + ")");
  }

  private static void add(List<Quad> quads, Node g, Node s, Node p, Node o) {
    quads.add(Quad.create(g, s, p, o));
  }

  private static Node longLit(long v) {
    return NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDlong);
  }

  private static Node timeLit(Instant t) {
    return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(20, attempt + 1) + (long) (Math.random() * 3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
