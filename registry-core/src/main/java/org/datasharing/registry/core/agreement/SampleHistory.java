package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.agreement.HistoryGraph.decisionsOn;
import static org.datasharing.registry.core.agreement.HistoryGraph.literal;
import static org.datasharing.registry.core.agreement.HistoryGraph.one;
import static org.datasharing.registry.core.agreement.HistoryGraph.slug;
import static org.datasharing.registry.core.agreement.HistoryGraph.time;
import static org.datasharing.registry.core.agreement.HistoryGraph.versions;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.DCTerms;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * Replays the sample agreements' history through the lifecycle at first start, with each step's
 * historical time on an injected clock: draft (by {@code dct:creator}, at {@code dct:created}),
 * submission ({@code dct:dateSubmitted}; for an amendment, on the version), each party's decision
 * as recorded, the date transitions on their dates, and a suspension or termination (by the
 * creator's DPO, at {@code dct:modified}, with {@code dsr:statusReason}). Every step is an audited
 * commit, so the audit log holds the sample history and every sample decision has its event.
 *
 * <p>Steps of all agreements run in the order of their times, so the log's order follows history.
 * The replaying service writes to the store without the notification outbox: replayed history tells
 * no one. A replayed agreement that does not end in the status its sample declares stops the start:
 * the sample and the lifecycle disagree.
 */
public final class SampleHistory {
  private static final Actor READER =
      new Actor("sample-history", "sample-history", Optional.empty(), Set.of(Actor.Role.AUDITOR));

  private final AgreementService service;
  private final HistoricalClock clock;
  private final Ids ids;
  private final ContentMapper mapper;
  private final CatalogService catalog;

  /**
   * @param service an agreement service whose clock is {@code clock} (and whose audit log stamps
   *     events with it)
   */
  public SampleHistory(
      AgreementService service,
      HistoricalClock clock,
      Ids ids,
      ReferenceData reference,
      CatalogService catalog) {
    this.service = service;
    this.clock = clock;
    this.ids = ids;
    this.mapper = new ContentMapper(ids, reference);
    this.catalog = catalog;
  }

  /** A clock the replay sets to each step's time. */
  public static final class HistoricalClock extends Clock {
    private Instant now = Instant.EPOCH;

    void set(Instant at) {
      now = at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private record Step(Instant at, int order, String what, Runnable run) {}

  /**
   * Who took a step of a history: the person acting for {@code organisation}, given the person the
   * history names for the step ({@code prov:wasAssociatedWith} on a decision, {@code
   * prov:wasAttributedTo} on the agreement for its drafting, submission, suspension or
   * termination), if it names one.
   */
  @FunctionalInterface
  public interface Persons {
    Actor actor(Graph history, String organisation, Optional<Node> recorded);
  }

  /** A step of a history the lifecycle refused, naming the agreement. */
  public static final class Refused extends IllegalStateException {
    private final String agreement;

    Refused(String agreement, String message) {
      super(message);
      this.agreement = agreement;
    }

    /** The agreement's identifier. */
    public String agreement() {
      return agreement;
    }
  }

  /** Replays every agreement of {@code sample}; returns how many steps were replayed. */
  public int replay(DatasetGraph sample) {
    Map<String, String> dpoSubjects = HistoryGraph.dpoSubjects(sample);
    return replay(sample, (g, org, recorded) -> HistoryGraph.dpo(org, dpoSubjects), Instant.EPOCH);
  }

  /**
   * Replays every agreement of {@code history} (one graph per agreement, as the sample files write
   * them), each step by the person {@code persons} names; returns how many steps were replayed. An
   * agreement that declares a status ({@code dsr:status}) must end in it. The date transitions
   * (start, review, end) are replayed on their dates up to the last recorded step, or up to {@code
   * transitionsUntil} if later (an import brings its agreements up to today).
   */
  public int replay(DatasetGraph history, Persons persons, Instant transitionsUntil) {
    List<Step> steps = new ArrayList<>();
    Set<LocalDate> dates = new TreeSet<>();
    DatasetGraph sample = history;
    sample
        .listGraphNodes()
        .forEachRemaining(g -> plan(sample.getGraph(g), g, persons, steps, dates));
    // the date transitions (start, review, end) on their dates, just after midnight UTC, up to the
    // last recorded step: later dates are the live clock's to apply
    Instant recorded =
        steps.stream().map(Step::at).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    Instant last = recorded.isAfter(transitionsUntil) ? recorded : transitionsUntil;
    for (LocalDate d : dates) {
      Instant at = d.atTime(0, 5).toInstant(ZoneOffset.UTC);
      if (!at.isAfter(last)) {
        steps.add(new Step(at, 0, "date transitions on " + d, service::tick));
      }
    }
    steps.sort(Comparator.comparing(Step::at).thenComparing(Step::order));
    for (Step s : steps) {
      clock.set(s.at());
      s.run().run();
    }
    sample.listGraphNodes().forEachRemaining(g -> checkStatus(sample.getGraph(g), g));
    return steps.size();
  }

  private void plan(Graph g, Node ag, Persons persons, List<Step> steps, Set<LocalDate> dates) {
    String id = literal(g, ag, DCTerms.identifier.asNode()).orElseThrow();
    String creator = slug(one(g, ag, DCTerms.creator.asNode()).orElseThrow(() -> missing(id)));
    Actor drafter = persons.actor(g, creator, one(g, ag, PROV.wasAttributedTo.asNode()));
    List<Node> versions = versions(g, ag);
    int seq = 1;
    for (int n = 1; n <= versions.size(); n++) {
      Node v = versions.get(n - 1);
      AgreementContent content = mapper.fromGraph(g, v);
      int number = n;
      if (n == 1) {
        steps.add(
            new Step(
                time(g, ag, DCTerms.created.asNode()).orElseThrow(),
                seq++,
                id + ": draft",
                () -> draft(g, id, drafter, content, persons)));
      } else {
        steps.add(
            new Step(
                time(g, v, DCTerms.created.asNode()).orElseThrow(() -> missing(id)),
                seq++,
                id + ": amendment " + n,
                () -> {
                  expect(service.amend(drafter, id), id);
                  updateAsEachParty(g, id, drafter, content, persons);
                }));
      }
      // the first submission is on the agreement (where the lifecycle records it), an
      // amendment's on its version
      Optional<Instant> submitted = time(g, n == 1 ? ag : v, DCTerms.dateSubmitted.asNode());
      if (submitted.isEmpty()) {
        continue;
      }
      steps.add(
          new Step(
              submitted.get(),
              seq++,
              id + ": submit " + n,
              () -> expect(service.submit(drafter, id), id)));
      for (Node d : decisionsOn(g, v)) {
        String org = slug(one(g, d, DSR.onBehalfOf.asNode()).orElseThrow());
        Actor dpo = persons.actor(g, org, one(g, d, PROV.wasAssociatedWith.asNode()));
        AgreementService.Outcome outcome =
            AgreementService.Outcome.of(one(g, d, DSR.outcome.asNode()).orElseThrow())
                .orElseThrow();
        Optional<String> reason = literal(g, d, DSR.reason.asNode());
        steps.add(
            new Step(
                time(g, d, PROV.endedAtTime.asNode()).orElseThrow(),
                seq++,
                id + ": decision",
                () -> {
                  String hash = expect(service.version(dpo, id, number), id).contentHash();
                  expect(service.decide(dpo, id, number, hash, outcome, reason), id);
                }));
      }
      for (Node p : List.of(DSR.startDate.asNode(), DSR.reviewDate.asNode())) {
        literal(g, v, p).map(LocalDate::parse).ifPresent(dates::add);
      }
      literal(g, v, DSR.endDate.asNode())
          .map(LocalDate::parse)
          .map(d -> d.plusDays(1))
          .ifPresent(dates::add);
    }
    Node status = one(g, ag, DSR.status.asNode()).orElse(AgreementStatus.DRAFT.node());
    Optional<String> reason = literal(g, ag, DSR.statusReason.asNode());
    if (status.equals(AgreementStatus.SUSPENDED.node())
        || status.equals(AgreementStatus.TERMINATED.node())) {
      Instant modified = time(g, ag, DCTerms.modified.asNode()).orElseThrow(() -> missing(id));
      if (reason.isEmpty()) {
        throw missing(id);
      }
      endStep(id, drafter, status, reason.get(), modified, seq, steps);
    }
  }

  private void endStep(
      String id,
      Actor drafter,
      Node status,
      String reason,
      Instant modified,
      int seq,
      List<Step> steps) {
    if (status.equals(AgreementStatus.SUSPENDED.node())) {
      steps.add(
          new Step(
              modified,
              seq,
              id + ": suspended",
              () -> expect(service.suspend(drafter, id, reason), id)));
    } else if (status.equals(AgreementStatus.TERMINATED.node())) {
      steps.add(
          new Step(
              modified,
              seq,
              id + ": terminated",
              () -> expect(service.terminate(drafter, id, reason), id)));
    }
  }

  /**
   * The draft as the lifecycle lets it be written: the drafter names the parties and the datasets
   * it can see and gives its own answers; then each other party's DPO gives its party's answers and
   * adds a dataset its organisation publishes but keeps out of the catalogue (the sample records no
   * separate time for these edits, so they are replayed at the draft's time).
   */
  private void draft(Graph g, String id, Actor drafter, AgreementContent content, Persons persons) {
    String own = drafter.organisation().orElseThrow();
    List<String> datasets = content.datasets();
    List<String> unseen = datasets.stream().filter(d -> catalog.get(drafter, d).isEmpty()).toList();
    expect(
        service.createDraft(
            drafter,
            Optional.of(id),
            without(content, unseen).withAnswersFrom(AgreementContent.NONE, o -> !o.equals(own))),
        id);
    List<String> missing = new ArrayList<>(unseen);
    for (String org : content.partyOrganisations()) {
      if (org.equals(own)) {
        continue;
      }
      Actor party = persons.actor(g, org, Optional.empty());
      missing.removeAll(missing.stream().filter(d -> catalog.get(party, d).isPresent()).toList());
      AgreementContent stored = expect(service.get(party, id), id).content();
      AgreementContent theirs =
          without(content, missing).withAnswersFrom(stored, o -> !o.equals(org));
      if (!theirs.equals(stored)) {
        expect(service.updateDraft(party, id, theirs), id);
      }
    }
    if (!missing.isEmpty()) {
      throw new Refused(id, "Agreement " + id + " names datasets no party can see: " + missing);
    }
  }

  /**
   * An edit as the lifecycle lets it be written: each party answers for itself ({@link
   * AgreementPolicy#OWN_ANSWERS}), so the drafter writes the text with the other parties' answers
   * as stored, then each other party's DPO gives its own.
   */
  private void updateAsEachParty(
      Graph g, String id, Actor drafter, AgreementContent target, Persons persons) {
    String own = drafter.organisation().orElseThrow();
    AgreementContent stored = expect(service.get(drafter, id), id).content();
    expect(
        service.updateDraft(drafter, id, target.withAnswersFrom(stored, o -> !o.equals(own))), id);
    for (String org : target.partyOrganisations()) {
      if (org.equals(own)) {
        continue;
      }
      Actor party = persons.actor(g, org, Optional.empty());
      AgreementContent now = expect(service.get(party, id), id).content();
      AgreementContent theirs = now.withAnswersFrom(target, org::equals);
      if (!theirs.equals(now)) {
        expect(service.updateDraft(party, id, theirs), id);
      }
    }
  }

  /** The content without the given datasets, and without the permissions to share them. */
  private static AgreementContent without(AgreementContent c, List<String> datasets) {
    if (datasets.isEmpty()) {
      return c;
    }
    Map<String, Object> fields = new LinkedHashMap<>(c.fields());
    fields.put(
        Field.DATASETS.apiName(),
        c.datasets().stream().filter(d -> !datasets.contains(d)).toList());
    if (fields.get(ContentMapper.PERMISSIONS) instanceof List<?> permissions) {
      fields.put(
          ContentMapper.PERMISSIONS,
          permissions.stream()
              .filter(
                  p ->
                      !(p instanceof Map<?, ?> m
                          && datasets.contains(String.valueOf(m.get("dataset")))))
              .toList());
    }
    return new AgreementContent(fields, c.parties());
  }

  private void checkStatus(Graph g, Node ag) {
    String id = literal(g, ag, DCTerms.identifier.asNode()).orElseThrow();
    Optional<Node> status = one(g, ag, DSR.status.asNode());
    if (status.isEmpty()) {
      return;
    }
    Node declared = status.get();
    AgreementView now = expect(service.get(READER, id), id);
    if (!now.status().node().equals(declared)) {
      throw new Refused(
          id,
          "Agreement "
              + id
              + " replays to "
              + now.status()
              + ", not the status its sample declares ("
              + declared.getLocalName()
              + ")");
    }
  }

  private static Refused missing(String id) {
    return new Refused(
        id,
        "Agreement " + id + " lacks a time, its creator or a reason needed to replay its history");
  }

  private static <T> T expect(Result<T> r, String id) {
    if (!r.ok()) {
      throw new Refused(
          id,
          "Agreement "
              + id
              + " could not be replayed: "
              + r.failure()
              + " "
              + r.message()
              + " "
              + r.violations());
    }
    return r.value();
  }
}
