package org.datasharing.registry.core.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.PROV;

/** A read-only copy of one agreement's graph with the lookups the lifecycle needs. */
record AgreementSnapshot(Ids ids, Node iri, String slug, Graph graph) {

  boolean exists() {
    return graph.contains(iri, DSR.revision.asNode(), Node.ANY);
  }

  Node revisionNode() {
    return one(iri, DSR.revision.asNode()).orElseThrow();
  }

  long revision() {
    return Long.parseLong(revisionNode().getLiteralLexicalForm());
  }

  AgreementStatus status() {
    return one(iri, DSR.status.asNode()).flatMap(AgreementStatus::of).orElseThrow();
  }

  Optional<AgreementStatus> amendmentStatus() {
    return one(iri, DSR.amendmentStatus.asNode()).flatMap(AgreementStatus::of);
  }

  /** The status of the version being worked on: the amendment's, or the agreement's. */
  AgreementStatus workflowStatus() {
    return amendmentStatus().orElse(status());
  }

  Node currentVersion() {
    return one(iri, DSR.currentVersion.asNode()).orElseThrow();
  }

  Optional<Node> versionInForce() {
    return one(iri, DSR.versionInForce.asNode());
  }

  int number(Node version) {
    return Integer.parseInt(
        one(version, DSR.versionNumber.asNode()).orElseThrow().getLiteralLexicalForm());
  }

  List<Node> versions() {
    List<Node> vs =
        new ArrayList<>(
            graph.find(iri, DSR.hasVersion.asNode(), Node.ANY).mapWith(Triple::getObject).toList());
    vs.sort(java.util.Comparator.comparingInt(this::number));
    return vs;
  }

  Optional<Node> version(int number) {
    return versions().stream().filter(v -> number(v) == number).findFirst();
  }

  /** The immutable text of a version: triples about it or about resources under its IRI. */
  Graph content(Node version) {
    return org.datasharing.registry.core.common.Canonical.versionText(graph, version);
  }

  /** The organisation whose staff drafted the agreement, where the registry recorded it. */
  Optional<String> authorOrganisation() {
    return one(iri, org.apache.jena.vocabulary.DCTerms.creator.asNode())
        .flatMap(o -> ids.slug(o, "organisation"));
  }

  /** Whether any version of the agreement was ever submitted for decisions. */
  boolean everSubmitted() {
    return one(iri, org.apache.jena.vocabulary.DCTerms.dateSubmitted.asNode()).isPresent();
  }

  List<String> partyOrganisations(Node version) {
    List<String> orgs = new ArrayList<>();
    graph
        .find(version, DSR.hasParty.asNode(), Node.ANY)
        .forEachRemaining(
            t ->
                one(t.getObject(), DSR.organisation.asNode())
                    .flatMap(o -> ids.slug(o, "organisation"))
                    .ifPresent(orgs::add));
    orgs.sort(null);
    return orgs;
  }

  Optional<LocalDate> date(Node version, Node property) {
    return one(version, property).map(n -> LocalDate.parse(n.getLiteralLexicalForm()));
  }

  /**
   * The review date in force: the one every party agreed at the last review, else the review date
   * of the version in force.
   */
  Optional<LocalDate> reviewDue() {
    Optional<Node> agreed = one(iri, DSR.nextReviewDate.asNode());
    if (agreed.isPresent()) {
      return agreed.map(n -> LocalDate.parse(n.getLiteralLexicalForm()));
    }
    return date(versionInForce().orElse(currentVersion()), DSR.reviewDate.asNode());
  }

  /** A recorded review decision. */
  record Review(
      Node version,
      LocalDate dueOn,
      String organisation,
      Node outcome,
      Optional<LocalDate> nextReviewDate,
      Optional<String> reason,
      Node agent,
      Instant at) {}

  /** Every review decision, oldest first. */
  List<Review> reviews() {
    List<Review> out = new ArrayList<>();
    graph
        .find(Node.ANY, DSR.reviewOf.asNode(), Node.ANY)
        .forEachRemaining(
            t -> {
              Node r = t.getSubject();
              out.add(
                  new Review(
                      t.getObject(),
                      LocalDate.parse(
                          one(r, DSR.reviewDueOn.asNode()).orElseThrow().getLiteralLexicalForm()),
                      one(r, DSR.onBehalfOf.asNode())
                          .flatMap(o -> ids.slug(o, "organisation"))
                          .orElse("?"),
                      one(r, DSR.outcome.asNode()).orElseThrow(),
                      one(r, DSR.nextReviewDate.asNode())
                          .map(n -> LocalDate.parse(n.getLiteralLexicalForm())),
                      one(r, DSR.reason.asNode()).map(Node::getLiteralLexicalForm),
                      one(r, PROV.wasAssociatedWith.asNode()).orElseThrow(),
                      Instant.parse(
                          one(r, PROV.endedAtTime.asNode())
                              .orElseThrow()
                              .getLiteralLexicalForm())));
            });
    out.sort(java.util.Comparator.comparing(Review::at));
    return out;
  }

  /**
   * The review under way: the decisions on the version in force that answer the review date in
   * force, each organisation's latest only.
   */
  java.util.Map<String, Review> currentReview() {
    java.util.Map<String, Review> out = new java.util.TreeMap<>();
    Optional<Node> inForce = versionInForce();
    Optional<LocalDate> due = reviewDue();
    reviews().stream()
        .filter(r -> inForce.filter(r.version()::equals).isPresent())
        .filter(r -> due.filter(r.dueOn()::equals).isPresent())
        .forEach(r -> out.put(r.organisation(), r));
    return out;
  }

  /** The organisations that gave notice of leaving the version. */
  java.util.Set<String> leavers(Node version) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    graph
        .find(Node.ANY, DSR.leaves.asNode(), version)
        .forEachRemaining(
            t ->
                one(t.getSubject(), DSR.onBehalfOf.asNode())
                    .flatMap(o -> ids.slug(o, "organisation"))
                    .ifPresent(out::add));
    return out;
  }

  /** A party's confirmation of what it did with the data once the agreement ended. */
  record DestructionConfirmation(
      String organisation, Node disposal, Optional<String> statement, Node agent, Instant at) {}

  /** Each party's confirmation, by organisation (the first, as it can be given once). */
  java.util.Map<String, DestructionConfirmation> destructionConfirmations() {
    java.util.Map<String, DestructionConfirmation> out = new java.util.TreeMap<>();
    graph
        .find(Node.ANY, DSR.destructionOf.asNode(), Node.ANY)
        .forEachRemaining(
            t -> {
              Node c = t.getSubject();
              String org =
                  one(c, DSR.onBehalfOf.asNode())
                      .flatMap(o -> ids.slug(o, "organisation"))
                      .orElse("?");
              out.putIfAbsent(
                  org,
                  new DestructionConfirmation(
                      org,
                      one(c, DSR.disposal.asNode()).orElseThrow(),
                      one(c, DSR.reason.asNode()).map(Node::getLiteralLexicalForm),
                      one(c, PROV.wasAssociatedWith.asNode()).orElseThrow(),
                      Instant.parse(
                          one(c, PROV.endedAtTime.asNode())
                              .orElseThrow()
                              .getLiteralLexicalForm())));
            });
    return out;
  }

  /**
   * When the agreement ended: the time recorded when it was terminated or expired, else (sample
   * data from before that was recorded) the day after the end date for an expired agreement.
   */
  Optional<Instant> endedAt() {
    if (status() != AgreementStatus.TERMINATED && status() != AgreementStatus.EXPIRED) {
      return Optional.empty();
    }
    Optional<Instant> recorded =
        one(iri, DSR.endedAt.asNode()).map(n -> Instant.parse(n.getLiteralLexicalForm()));
    if (recorded.isPresent()) {
      return recorded;
    }
    if (status() == AgreementStatus.EXPIRED) {
      Optional<Instant> afterEnd =
          AgreementPolicy.publicVersion(this)
              .flatMap(v -> date(v, DSR.endDate.asNode()))
              .map(d -> d.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
      if (afterEnd.isPresent()) {
        return afterEnd;
      }
    }
    return Optional.empty();
  }

  /** A recorded incident. */
  record RecordedIncident(
      Node version, String organisation, Incident incident, Node agent, Instant at) {}

  /** Every recorded incident, by time of discovery. */
  List<RecordedIncident> incidents() {
    List<RecordedIncident> out = new ArrayList<>();
    graph
        .find(Node.ANY, DSR.incidentUnder.asNode(), Node.ANY)
        .forEachRemaining(
            t -> {
              Node i = t.getSubject();
              out.add(
                  new RecordedIncident(
                      t.getObject(),
                      one(i, DSR.reportingOrganisation.asNode())
                          .flatMap(o -> ids.slug(o, "organisation"))
                          .orElse("?"),
                      new Incident(
                          Instant.parse(
                              one(i, DSR.discoveredAt.asNode())
                                  .orElseThrow()
                                  .getLiteralLexicalForm()),
                          literal(i, DCTerms.description.asNode()),
                          one(i, DSR.incidentKind.asNode())
                              .flatMap(Incident.Kind::of)
                              .orElseThrow(),
                          one(i, DSR.severity.asNode())
                              .flatMap(Incident.Severity::of)
                              .orElseThrow(),
                          literal(i, DSR.dataAffected.asNode())),
                      one(i, PROV.wasAssociatedWith.asNode()).orElseThrow(),
                      Instant.parse(
                          one(i, PROV.endedAtTime.asNode())
                              .orElseThrow()
                              .getLiteralLexicalForm())));
            });
    out.sort(java.util.Comparator.comparing(r -> r.incident().discoveredAt()));
    return out;
  }

  private String literal(Node s, Node p) {
    return one(s, p).map(Node::getLiteralLexicalForm).orElse("");
  }

  /**
   * A recorded decision; an approval that awaits a senior officer's sign-off counts once {@code
   * signedOff} (a sign-off of it, for the same content hash) is present.
   */
  record Decision(
      Node iri,
      Node version,
      String organisation,
      Node outcome,
      Optional<String> reason,
      Node agent,
      Instant at,
      String contentHash,
      boolean awaitsSignOff,
      Optional<Node> signedOff) {
    /** Whether this is an approval that counts: approved, and signed off where that is needed. */
    boolean countsAsApproval() {
      return outcome.equals(DSR.Approve.asNode()) && (!awaitsSignOff || signedOff.isPresent());
    }

    /** Whether this is an approval still waiting for its senior officer's sign-off. */
    boolean pendingSignOff() {
      return outcome.equals(DSR.Approve.asNode()) && awaitsSignOff && signedOff.isEmpty();
    }
  }

  List<Decision> decisions() {
    List<Decision> out = new ArrayList<>();
    graph
        .find(Node.ANY, DSR.decisionOn.asNode(), Node.ANY)
        .forEachRemaining(
            t -> {
              Node d = t.getSubject();
              out.add(
                  new Decision(
                      d,
                      t.getObject(),
                      one(d, DSR.onBehalfOf.asNode())
                          .flatMap(o -> ids.slug(o, "organisation"))
                          .orElse("?"),
                      one(d, DSR.outcome.asNode()).orElseThrow(),
                      one(d, DSR.reason.asNode()).map(Node::getLiteralLexicalForm),
                      one(d, PROV.wasAssociatedWith.asNode()).orElseThrow(),
                      Instant.parse(
                          one(d, PROV.endedAtTime.asNode()).orElseThrow().getLiteralLexicalForm()),
                      one(d, DSR.contentHash.asNode()).map(Node::getLiteralLexicalForm).orElse(""),
                      one(d, DSR.awaitsSignOff.asNode())
                          .filter(n -> "true".equals(n.getLiteralLexicalForm()))
                          .isPresent(),
                      signOffOf(d)));
            });
    out.sort(java.util.Comparator.comparing(Decision::at));
    return out;
  }

  /** The sign-off of a decision whose content hash is the decision's own, if one is recorded. */
  private Optional<Node> signOffOf(Node decision) {
    Optional<Node> hash = one(decision, DSR.contentHash.asNode());
    return graph.find(Node.ANY, DSR.signOffOf.asNode(), decision).toList().stream()
        .map(t -> t.getSubject())
        .filter(s -> hash.isPresent() && one(s, DSR.contentHash.asNode()).equals(hash))
        .findFirst();
  }

  List<Decision> decisionsOn(Node version) {
    return decisions().stream().filter(d -> d.version().equals(version)).toList();
  }

  Optional<String> title() {
    return one(currentVersion(), DCTerms.title.asNode()).map(Node::getLiteralLexicalForm);
  }

  Optional<Node> one(Node s, Node p) {
    var it = graph.find(s, p, Node.ANY);
    return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
  }

  /** This snapshot after a change to the agreement's graph (quads of other graphs are ignored). */
  AgreementSnapshot with(List<Quad> remove, List<Quad> add) {
    Graph next = GraphFactory.createDefaultGraph();
    graph.find().forEachRemaining(next::add);
    remove.stream().filter(q -> q.getGraph().equals(iri)).forEach(q -> next.delete(q.asTriple()));
    add.stream().filter(q -> q.getGraph().equals(iri)).forEach(q -> next.add(q.asTriple()));
    return new AgreementSnapshot(ids, iri, slug, next);
  }

  /** The quads of the agreement resource's given property, for removal. */
  List<Triple> triples(Node s, Node p) {
    return graph.find(s, p, Node.ANY).toList();
  }
}
