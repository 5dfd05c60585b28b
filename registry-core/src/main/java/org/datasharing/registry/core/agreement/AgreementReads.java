package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.common.Result.forbidden;
import static org.datasharing.registry.core.common.Result.notFound;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * The reading side of {@link AgreementService}: loading an agreement's graph, who may see it, its
 * view, versions, diffs, the version in force on a date, and what the public register and the
 * linked-data view show. Reads change nothing, so they need no guard or retry.
 */
final class AgreementReads {
  private final RegistryStore store;
  private final Ids ids;
  private final ContentMapper mapper;
  private final VersionHashes hashes;

  AgreementReads(RegistryStore store, Ids ids, ContentMapper mapper, VersionHashes hashes) {
    this.store = store;
    this.ids = ids;
    this.mapper = mapper;
    this.hashes = hashes;
  }

  Result<AgreementView> get(Actor actor, String id) {
    return loadVisible(actor, id).map(a -> view(actor, a));
  }

  List<AgreementView.Summary> list(Actor actor) {
    List<AgreementView.Summary> out = new ArrayList<>();
    for (var b : store.select(Queries.get("agreements-list"))) {
      Node ag = b.get("ag");
      String id = b.get("id").getLiteralLexicalForm();
      if (!AgreementPolicy.isAgreementGraph(ids, ag)
          || !ids.slug(ag, "agreement").orElseThrow().equals(id)
          || AgreementStatus.of(b.get("status")).isEmpty()) {
        continue; // not an agreement this registry made, whatever the graph says of itself
      }
      if (AgreementPolicy.canSee(actor, java.util.Set.copyOf(organisations(b.get("everOrgs"))))) {
        out.add(
            new AgreementView.Summary(
                id,
                ag.getURI(),
                Optional.ofNullable(b.get("title")).map(Node::getLiteralLexicalForm).orElse(""),
                AgreementStatus.of(b.get("status")).orElseThrow(),
                organisations(b.get("orgs")),
                Optional.ofNullable(b.get("submitted"))
                    .filter(Node::isLiteral)
                    .flatMap(n -> instant(n.getLiteralLexicalForm())),
                Optional.ofNullable(b.get("creator"))
                    .filter(Node::isURI)
                    .flatMap(n -> ids.slug(n, "organisation")),
                Arrays.stream(
                        Optional.ofNullable(b.get("purposes"))
                            .map(Node::getLiteralLexicalForm)
                            .orElse("")
                            .split(" "))
                    .filter(s -> !s.isBlank())
                    .map(s -> ReferenceData.code(NodeFactory.createURI(s)))
                    .sorted()
                    .toList()));
      }
    }
    return out;
  }

  /**
   * The agreements the actor may see whose version being worked on, or in force, shares the
   * dataset.
   */
  List<AgreementView.Summary> sharing(Actor actor, String datasetId) {
    java.util.Set<String> sharing = new java.util.HashSet<>();
    for (var b :
        store.select(
            Queries.bind(
                "agreements-sharing-dataset", Map.of("dataset", ids.dataset(datasetId))))) {
      ids.slug(b.get("ag"), "agreement").ifPresent(sharing::add);
    }
    return list(actor).stream().filter(s -> sharing.contains(s.id())).toList();
  }

  private static Optional<Instant> instant(String lexical) {
    try {
      return Optional.of(Instant.parse(lexical));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private List<String> organisations(Node concatenated) {
    return Arrays.stream(
            Optional.ofNullable(concatenated)
                .map(Node::getLiteralLexicalForm)
                .orElse("")
                .split(" "))
        .filter(s -> !s.isBlank())
        .map(s -> ids.slug(NodeFactory.createURI(s), "organisation").orElse(s))
        .sorted()
        .toList();
  }

  /** The version in force at an instant: approved by every party by then and within its dates. */
  Result<Optional<Integer>> versionInForceAt(Actor actor, String id, Instant at) {
    return loadVisible(actor, id)
        .flatMap(
            a -> {
              Optional<Instant> ended =
                  a.one(a.iri(), DSR.endedAt.asNode())
                      .map(n -> Instant.parse(n.getLiteralLexicalForm()));
              if (ended.isPresent() && !at.isBefore(ended.get())) {
                return Result.ok(Optional.empty());
              }
              LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
              Optional<Integer> best = Optional.empty();
              Instant bestAt = Instant.MIN;
              for (Node v : a.versions()) {
                Optional<Instant> approvedAt = PublicRecord.approvedAt(a, v);
                if (approvedAt.isEmpty()
                    || approvedAt.get().isAfter(at)
                    || approvedAt.get().isBefore(bestAt)) {
                  continue;
                }
                boolean started =
                    a.date(v, DSR.startDate.asNode()).map(s -> !day.isBefore(s)).orElse(false);
                boolean notEnded =
                    a.date(v, DSR.endDate.asNode()).map(e -> !day.isAfter(e)).orElse(true);
                if (started && notEnded) {
                  best = Optional.of(a.number(v));
                  bestAt = approvedAt.get();
                } else if (!started) {
                  continue;
                } else {
                  best = Optional.empty();
                  bestAt = approvedAt.get();
                }
              }
              return Result.ok(best);
            });
  }

  Result<AgreementService.VersionText> version(Actor actor, String id, int number) {
    return loadVisible(actor, id)
        .flatMap(
            a -> {
              return a.version(number)
                  .map(
                      v ->
                          Result.ok(
                              new AgreementService.VersionText(
                                  number,
                                  v.getURI(),
                                  hashes.of(a, v),
                                  mapper.fromGraph(a.graph(), v))))
                  .orElseGet(() -> notFound("Agreement " + id + " has no version " + number));
            });
  }

  /** A human-readable diff between two versions' texts. */
  Result<VersionDiff> diff(Actor actor, String id, int from, int to) {
    return loadVisible(actor, id)
        .flatMap(
            a -> {
              Optional<Node> vf = a.version(from);
              Optional<Node> vt = a.version(to);
              if (vf.isEmpty() || vt.isEmpty()) {
                return notFound(
                    "Agreement " + id + " has no version " + (vf.isEmpty() ? from : to));
              }
              return Result.ok(
                  VersionDiff.between(
                      from,
                      mapper.fromGraph(a.graph(), vf.get()),
                      to,
                      mapper.fromGraph(a.graph(), vt.get())));
            });
  }

  /**
   * The agreements among {@code agreementIds} the actor may see, as views, their graphs read from
   * the store together: one read however many agreements, never one per agreement.
   */
  List<AgreementView> views(Actor actor, java.util.Collection<String> agreementIds) {
    return snapshots(agreementIds).stream()
        .filter(a -> canSee(actor, a))
        .map(a -> view(actor, a))
        .toList();
  }

  /** The identifiers among these on which the policy lets the actor decide now (one read). */
  List<String> decidable(Actor actor, java.util.Collection<String> agreementIds) {
    return snapshots(agreementIds).stream()
        .filter(
            a ->
                AgreementPolicy.check(actor, a, AgreementPolicy.Action.DECIDE).isEmpty()
                    || AgreementPolicy.check(actor, a, AgreementPolicy.Action.SIGN_OFF).isEmpty())
        .map(AgreementSnapshot::slug)
        .toList();
  }

  private List<AgreementSnapshot> snapshots(java.util.Collection<String> agreementIds) {
    java.util.Map<String, Node> iris = new java.util.LinkedHashMap<>();
    agreementIds.stream().filter(Slugs::isValid).forEach(id -> iris.put(id, ids.agreement(id)));
    if (iris.isEmpty()) {
      return List.of();
    }
    var graphs = store.graphs(java.util.Set.copyOf(iris.values()));
    List<AgreementSnapshot> out = new ArrayList<>();
    iris.forEach(
        (id, ag) -> {
          AgreementSnapshot a = new AgreementSnapshot(ids, ag, id, graphs.getGraph(ag));
          if (a.exists()) {
            out.add(a);
          }
        });
    return out;
  }

  Result<AgreementSnapshot> load(String id) {
    if (!Slugs.isValid(id)) {
      return notFound("No agreement " + id);
    }
    Node ag = ids.agreement(id);
    AgreementSnapshot a = new AgreementSnapshot(ids, ag, id, store.graph(ag));
    return a.exists() ? Result.ok(a) : notFound("No agreement " + id);
  }

  /** The agreement, when the actor may see it. */
  private Result<AgreementSnapshot> loadVisible(Actor actor, String id) {
    return load(id)
        .flatMap(
            a ->
                canSee(actor, a)
                    ? Result.ok(a)
                    : forbidden("Your organisation is not party to agreement " + id));
  }

  boolean canSee(Actor actor, AgreementSnapshot a) {
    return AgreementPolicy.canSee(actor, a);
  }

  AgreementView view(Actor actor, AgreementSnapshot a) {
    List<AgreementView.VersionSummary> versions =
        a.versions().stream()
            .map(
                v ->
                    new AgreementView.VersionSummary(
                        a.number(v),
                        v.getURI(),
                        hashes.of(a, v),
                        a.one(v, PROV.wasRevisionOf.asNode()).map(a::number)))
            .toList();
    List<AgreementView.DecisionView> decisions =
        a.decisions().stream()
            .map(
                d ->
                    new AgreementView.DecisionView(
                        a.number(d.version()),
                        d.organisation(),
                        AgreementService.Outcome.of(d.outcome()).map(Enum::name).orElse("?"),
                        d.reason(),
                        d.agent().getURI(),
                        d.at(),
                        d.contentHash(),
                        d.pendingSignOff(),
                        d.signedOff()
                            .flatMap(x -> a.one(x, PROV.wasAssociatedWith.asNode()))
                            .map(Node::getURI),
                        d.signedOff()
                            .flatMap(x -> a.one(x, PROV.endedAtTime.asNode()))
                            .map(n -> Instant.parse(n.getLiteralLexicalForm()))))
            .toList();
    Node current = a.currentVersion();
    var caps = AgreementPolicy.capabilities(actor, a);
    return new AgreementView(
        a.slug(),
        a.iri().getURI(),
        a.title().orElse(""),
        a.status(),
        a.amendmentStatus(),
        a.number(current),
        a.versionInForce().map(a::number),
        a.revision(),
        a.partyOrganisations(current),
        versions,
        decisions,
        mapper.fromGraph(a.graph(), current),
        AgreementPolicy.sortedDeciders(a, current),
        AgreementPolicy.allowed(caps),
        refusals(caps),
        a.reviewDue(),
        a.currentReview().values().stream()
            .map(
                r ->
                    new AgreementView.ReviewView(
                        r.organisation(),
                        AgreementService.ReviewOutcome.of(r.outcome()).map(Enum::name).orElse("?"),
                        r.nextReviewDate(),
                        r.reason(),
                        r.agent().getURI(),
                        r.at()))
            .toList(),
        a.incidents().stream()
            .map(
                i ->
                    new AgreementView.IncidentView(
                        a.number(i.version()),
                        i.organisation(),
                        i.incident(),
                        i.agent().getURI(),
                        i.at(),
                        i.incident().icoReportDue()))
            .toList(),
        destruction(a),
        a.endedAt().map(t -> t.plus(Destruction.CONFIRM_WITHIN)));
  }

  /** Each party's confirmation of destruction, once the agreement ended; empty before. */
  private static List<AgreementView.DestructionView> destruction(AgreementSnapshot a) {
    Optional<Node> last = AgreementPolicy.publicVersion(a);
    if (a.endedAt().isEmpty() || last.isEmpty()) {
      return List.of();
    }
    var confirmed = a.destructionConfirmations();
    return a.partyOrganisations(last.get()).stream()
        .map(
            org -> {
              var c = Optional.ofNullable(confirmed.get(org));
              return new AgreementView.DestructionView(
                  org,
                  c.flatMap(x -> AgreementService.Disposal.of(x.disposal()))
                      .map(AgreementService.Disposal::code),
                  c.flatMap(AgreementSnapshot.DestructionConfirmation::statement),
                  c.map(x -> x.agent().getURI()),
                  c.map(AgreementSnapshot.DestructionConfirmation::at));
            })
        .toList();
  }

  private static java.util.Map<AgreementPolicy.Action, AgreementPolicy.Refusal> refusals(
      java.util.Map<AgreementPolicy.Action, Optional<AgreementPolicy.Refusal>> caps) {
    java.util.Map<AgreementPolicy.Action, AgreementPolicy.Refusal> out =
        new java.util.EnumMap<>(AgreementPolicy.Action.class);
    caps.forEach((k, v) -> v.ifPresent(r -> out.put(k, r)));
    return out;
  }
}
