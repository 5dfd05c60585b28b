package org.datasharing.registry.core.agreement;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.audit.ResourceWriter;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.ForwardingStore;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.LogHead;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.datasharing.registry.core.validation.ShapeValidator;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * Imports an organisation's existing agreements from elsewhere with their history, through the same
 * replay as the sample agreements ({@link SampleHistory}): each recorded step (drafting,
 * submission, each party's decision, amendments, the date transitions, a suspension or termination)
 * goes through the real lifecycle at its recorded time, and each of its audit events says where the
 * history comes from ({@code dsr:importedFrom}) and who imported it ({@code dsr:importedBy}).
 *
 * <p>The file is TriG, one graph per agreement named by its IRI, written as the sample agreements
 * are ({@code agreements.trig}); the person of each decision is its {@code prov:wasAssociatedWith}
 * and of the agreement's own steps its {@code prov:wasAttributedTo} (optional), with the name the
 * source recorded ({@code dsr:recordedName}). Such people did not sign in here: their identifiers
 * are derived from the source, so an import can never speak as a user of this registry.
 *
 * <p>All or nothing: the history is first replayed into a scratch copy of the store (without the
 * audit log and the existing agreements); only when every step of every agreement is accepted are
 * the resulting agreements and all their events committed to the registry in one change, through
 * the same observed store as every other change (the search index follows it). Its events are
 * replayed ({@code dsr:replayedAt}), so the notification rules tell no one.
 */
public final class AgreementImport {
  /** The longest name of a source the events carry. */
  public static final int MAX_SOURCE = 200;

  private final RegistryStore store;
  private final Ids ids;
  private final ReferenceData reference;
  private final ShapeValidator validator;
  private final AuditLog audit;
  private final Period reviewInterval;
  private final java.time.Clock clock;

  /**
   * @param store the registry's store as every service writes it (observed, with the outbox): read
   *     for the scratch copy and the identifiers taken, and the import committed to it in one
   *     change
   */
  public AgreementImport(
      RegistryStore store,
      Ids ids,
      ReferenceData reference,
      ShapeValidator validator,
      AuditLog audit,
      Period reviewInterval,
      java.time.Clock clock) {
    this.store = store;
    this.ids = ids;
    this.reference = reference;
    this.validator = validator;
    this.audit = audit;
    this.reviewInterval = reviewInterval;
    this.clock = clock;
  }

  /** What an import did: the agreements, in the file's order, and the events it appended. */
  public record Summary(List<String> agreements, int events) {}

  /**
   * Imports the agreements of a TriG file, recorded at {@code source}. Only the registry
   * administrator: a history records every party's decisions, and no one party's DPO can vouch for
   * another organisation's approval (the import would otherwise put an agreement in force on
   * approvals its other parties never gave here).
   */
  public Result<Summary> importHistory(Actor actor, InputStream in, String source) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden(
          "Only the registry administrator can import agreements with their history: it records"
              + " every party's decisions, which no one party can vouch for");
    }
    if (source == null || source.isBlank() || source.length() > MAX_SOURCE) {
      return Result.invalid(
          new Violation(
              "source",
              "Name where the agreements' history was recorded (another register, a file), in at"
                  + " most "
                  + MAX_SOURCE
                  + " characters"));
    }
    DatasetGraph history = DatasetGraphFactory.createTxnMem();
    try {
      RDFParser.source(in)
          .lang(Lang.TRIG)
          .base(ids.base())
          .errorHandler(ErrorHandlerFactory.errorHandlerStrict)
          .parse(history);
    } catch (RiotException e) {
      return Result.invalid(
          new Violation("file", "The file is not valid TriG: " + plainMessage(e)));
    } catch (StackOverflowError e) {
      return Result.invalid(new Violation("file", "The file is nested too deeply to read"));
    }
    List<Violation> violations = new ArrayList<>();
    List<String> agreements = new ArrayList<>();
    if (!history.getDefaultGraph().isEmpty()) {
      violations.add(
          new Violation("file", "Put each agreement in its own graph, named by its IRI"));
    }
    history
        .listGraphNodes()
        .forEachRemaining(g -> check(history.getGraph(g), g, violations, agreements));
    if (agreements.isEmpty() && violations.isEmpty()) {
      violations.add(new Violation("file", "The file holds no agreement"));
    }
    if (!violations.isEmpty()) {
      return Result.invalid("The agreements cannot be imported", violations);
    }
    for (String id : agreements) {
      if (!store.graph(ids.agreement(id)).isEmpty()) {
        return Result.conflict("The registry already has an agreement '" + id + "'");
      }
    }
    return replay(actor, history, source, agreements);
  }

  private Result<Summary> replay(
      Actor actor, DatasetGraph history, String source, List<String> agreements) {
    List<Change> recorded = new CopyOnWriteArrayList<>();
    DatasetGraph seed = store.graphs(seedGraphs());
    try (TdbRegistryStore scratch = TdbRegistryStore.inMemory()) {
      scratch.replaceGraphs(seed);
      RegistryStore recording =
          new ForwardingStore(scratch) {
            @Override
            public CommitOutcome commit(Change change) {
              CommitOutcome outcome = super.commit(change);
              if (outcome == CommitOutcome.APPLIED) {
                recorded.add(change);
              }
              return outcome;
            }
          };
      SampleHistory.HistoricalClock past = new SampleHistory.HistoricalClock();
      AuditLog importing = audit.importing(past, source.strip(), actor);
      CatalogService catalog =
          new CatalogService(
              scratch, ids, reference, new ResourceWriter(scratch, validator, importing));
      AgreementService service =
          new AgreementService(
              recording, ids, past, importing, validator, reference, catalog, reviewInterval);
      try {
        new SampleHistory(service, past, ids, reference, catalog)
            .replay(
                history,
                (g, org, recordedPerson) -> person(source, g, org, recordedPerson),
                clock.instant());
      } catch (SampleHistory.Refused e) {
        return Result.invalid(
            "The agreements cannot be imported",
            List.of(new Violation("agreements[" + e.agreement() + "]", e.getMessage())));
      } catch (RuntimeException e) {
        return Result.invalid(
            "The agreements cannot be imported",
            List.of(
                new Violation(
                    "file",
                    "The history cannot be replayed: a value is not of the kind the registry records"
                        + " (dates as 2026-04-01, times as 2026-04-01T09:00:00Z, organisations and"
                        + " people as this registry's IRIs)")));
      }
      Change all = combined(recorded, seed, scratch);
      if (store.commit(all) != RegistryStore.CommitOutcome.APPLIED) {
        return Result.conflict("Another change took one of these agreements' identifiers first");
      }
    }
    return Result.ok(new Summary(agreements, recorded.size()));
  }

  /**
   * Every change the replay made, as one: the agreements' graphs as the replay left them (the
   * difference from the store as it was) and every event, appended in the replay's order.
   */
  private static Change combined(List<Change> recorded, DatasetGraph seed, RegistryStore scratch) {
    Set<Node> touched = new LinkedHashSet<>();
    for (Change c : recorded) {
      c.add().forEach(q -> touched.add(q.getGraph()));
      c.remove().forEach(q -> touched.add(q.getGraph()));
    }
    touched.remove(Graphs.AUDIT_NODE);
    DatasetGraph after = scratch.graphs(touched);
    List<Quad> remove = new ArrayList<>();
    List<Quad> add = new ArrayList<>();
    List<Guard> guards = new ArrayList<>();
    for (Node g : touched) {
      Graph before = seed.getGraph(g);
      Graph now = after.getGraph(g);
      if (before.isEmpty()) {
        // a new graph (an imported agreement's): nobody else may have written it meanwhile
        guards.add(Guard.absent(g, Node.ANY, Node.ANY, Node.ANY));
      }
      before.find().forEachRemaining(t -> remove.addAll(quadsNotIn(g, t, now)));
      now.find().forEachRemaining(t -> add.addAll(quadsNotIn(g, t, before)));
    }
    return new Change(
        guards,
        remove,
        add,
        head -> {
          List<Quad> quads = new ArrayList<>();
          LogHead next = head;
          Quad marker = null;
          for (Change c : recorded) {
            Change.Appended a = c.audit().append(next);
            quads.addAll(a.quads());
            next = a.next();
            marker = a.marker();
          }
          return new Change.Appended(quads, next, marker);
        });
  }

  private static List<Quad> quadsNotIn(Node g, Triple t, Graph other) {
    return other.contains(t) ? List.of() : List.of(new Quad(g, t));
  }

  /** What the replay reads: everything but the audit log and the existing agreements. */
  private Set<Node> seedGraphs() {
    String agreements = ids.base() + "agreement/";
    Set<Node> out = new LinkedHashSet<>();
    for (Node g : store.graphNames()) {
      if (!g.equals(Graphs.AUDIT_NODE) && !(g.isURI() && g.getURI().startsWith(agreements))) {
        out.add(g);
      }
    }
    return out;
  }

  /**
   * The person the source recorded for a step, as an actor of the replay: an identifier derived
   * from the source and the person's IRI there (never one of this registry's users), the name
   * recorded ({@code dsr:recordedName}), acting as a DPO of the organisation.
   */
  private static Actor person(String source, Graph g, String org, Optional<Node> recorded) {
    String key = recorded.map(Node::toString).orElse("dpo of " + org);
    String subject =
        "imported-"
            + UUID.nameUUIDFromBytes(
                (source.strip() + "\n" + key).getBytes(StandardCharsets.UTF_8));
    String username =
        recorded
            .filter(Node::isURI)
            .map(n -> n.getURI().substring(n.getURI().lastIndexOf('/') + 1))
            .orElse("dpo of " + org);
    Optional<String> name =
        recorded.flatMap(
            n -> {
              var it = g.find(n, DSR.recordedName.asNode(), Node.ANY);
              return it.hasNext()
                  ? Optional.of(it.next().getObject().getLiteralLexicalForm())
                  : Optional.empty();
            });
    return new Actor(subject, username, Optional.of(org), Set.of(Actor.Role.DPO), name);
  }

  /**
   * The shape of one agreement's history, before any step is replayed: each problem named by the
   * agreement and the field.
   */
  private void check(Graph g, Node name, List<Violation> violations, List<String> agreements) {
    Optional<String> slug = ids.slug(name, "agreement");
    if (slug.isEmpty() || !g.contains(name, RDF.type.asNode(), DSR.DataSharingAgreement.asNode())) {
      violations.add(
          new Violation(
              "graph",
              "<"
                  + name
                  + "> is not an agreement of this registry ("
                  + ids.base()
                  + "agreement/{id}) describing itself as a dsr:DataSharingAgreement"));
      return;
    }
    String id = slug.get();
    String at = "agreements[" + id + "].";
    if (!literal(g, name, DCTerms.identifier.asNode()).filter(id::equals).isPresent()) {
      violations.add(new Violation(at + "identifier", "State the identifier '" + id + "'"));
    }
    if (literal(g, name, DCTerms.created.asNode()).flatMap(AgreementImport::instant).isEmpty()) {
      violations.add(new Violation(at + "created", "State when the agreement was drafted"));
    }
    if (one(g, name, DCTerms.creator.asNode())
        .flatMap(o -> ids.slug(o, "organisation"))
        .isEmpty()) {
      violations.add(
          new Violation(at + "creator", "State the organisation that drafted the agreement"));
    }
    List<Node> versions = objects(g, name, DSR.hasVersion.asNode());
    if (versions.isEmpty()) {
      violations.add(new Violation(at + "versions", "State the agreement's versions"));
    }
    for (Node v : versions) {
      if (literal(g, v, DSR.versionNumber.asNode())
          .filter(n -> n.matches("[1-9][0-9]{0,3}"))
          .isEmpty()) {
        violations.add(new Violation(at + "versions", "Number every version from 1"));
      }
      for (Node date :
          List.of(DSR.startDate.asNode(), DSR.reviewDate.asNode(), DSR.endDate.asNode())) {
        if (literal(g, v, date).filter(d -> date(d).isEmpty()).isPresent()) {
          violations.add(
              new Violation(
                  at + date.getLocalName(),
                  "Give the " + date.getLocalName() + " as a date, e.g. 2026-04-01"));
        }
      }
    }
    // the agreement's own dct:created is checked above; these are the other times replayed
    Set<List<Node>> times = new LinkedHashSet<>();
    times.add(List.of(name, DCTerms.dateSubmitted.asNode()));
    times.add(List.of(name, DCTerms.modified.asNode()));
    for (Node v : versions) {
      times.add(List.of(v, DCTerms.created.asNode()));
      times.add(List.of(v, DCTerms.dateSubmitted.asNode()));
    }
    for (List<Node> t : times) {
      String property = t.get(1).getLocalName();
      if (literal(g, t.get(0), t.get(1)).filter(x -> instant(x).isEmpty()).isPresent()) {
        violations.add(
            new Violation(
                at + property,
                "Give the " + property + " time as an instant, e.g. 2026-04-01T09:00:00Z"));
      }
    }
    g.find(Node.ANY, RDF.type.asNode(), DSR.Decision.asNode())
        .forEachRemaining(
            t -> {
              Node d = t.getSubject();
              if (one(g, d, DSR.onBehalfOf.asNode())
                      .flatMap(o -> ids.slug(o, "organisation"))
                      .isEmpty()
                  || one(g, d, DSR.outcome.asNode()).flatMap(AgreementService.Outcome::of).isEmpty()
                  || literal(g, d, PROV.endedAtTime.asNode())
                      .flatMap(AgreementImport::instant)
                      .isEmpty()
                  || one(g, d, DSR.decisionOn.asNode()).filter(versions::contains).isEmpty()) {
                violations.add(
                    new Violation(
                        at + "decisions",
                        "State each decision's version, organisation, outcome and time"));
              }
            });
    Optional<Node> status = one(g, name, DSR.status.asNode());
    if (status.filter(s -> AgreementStatus.of(s).isEmpty()).isPresent()) {
      violations.add(new Violation(at + "status", "State a status of the registry's lifecycle"));
    }
    agreements.add(id);
  }

  private static List<Node> objects(Graph g, Node s, Node p) {
    return g.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
  }

  private static Optional<Node> one(Graph g, Node s, Node p) {
    List<Node> all = objects(g, s, p);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private static Optional<String> literal(Graph g, Node s, Node p) {
    return one(g, s, p).filter(Node::isLiteral).map(Node::getLiteralLexicalForm);
  }

  private static Optional<java.time.LocalDate> date(String s) {
    try {
      return Optional.of(java.time.LocalDate.parse(s));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<java.time.Instant> instant(String s) {
    try {
      return Optional.of(java.time.Instant.parse(s));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String plainMessage(RiotException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    java.util.regex.Matcher x = java.util.regex.Pattern.compile("line:? ?(\\d+)").matcher(m);
    return x.find() ? "it could not be read (line " + x.group(1) + ")" : "it could not be read";
  }
}
