package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.common.Result.notFound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * What the public sees of agreements: the register's entries (agreements that are or were in force,
 * their public fields, datasets the catalogue does not publish withheld in place) and an
 * agreement's linked data for someone not party to it. Reads through {@link AgreementReads}.
 */
final class PublicRecord {
  private final AgreementReads reads;
  private final Ids ids;
  private final ContentMapper mapper;
  private final VersionHashes hashes;
  private final java.util.function.Predicate<String> publishedDataset;

  /**
   * {@code publishedDataset}: whether the public sees a dataset (by its identifier), the
   * catalogue's one visibility rule; the others are withheld from the public record, said in place.
   */
  PublicRecord(
      AgreementReads reads,
      Ids ids,
      ContentMapper mapper,
      VersionHashes hashes,
      java.util.function.Predicate<String> publishedDataset) {
    this.reads = reads;
    this.ids = ids;
    this.mapper = mapper;
    this.hashes = hashes;
    this.publishedDataset = publishedDataset;
  }

  /**
   * Agreements that are or were in force, never drafts or refused ones, with public fields only.
   */
  List<AgreementService.RegisterEntry> register() {
    List<AgreementService.RegisterEntry> out = new ArrayList<>();
    for (AgreementView.Summary s : reads.list(Actor.system())) {
      if (!s.status().isPublic()) {
        continue;
      }
      Result<AgreementSnapshot> loaded = reads.load(s.id());
      if (!loaded.ok()) {
        continue;
      }
      AgreementSnapshot a = loaded.value();
      Optional<Node> inForce = AgreementPolicy.publicVersion(a);
      if (inForce.isEmpty()) {
        continue; // never show a draft instead
      }
      Node v = inForce.get();
      AgreementContent full = mapper.fromGraph(a.graph(), v);
      java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
      for (Field f : Field.PUBLIC) {
        if (full.fields().containsKey(f.apiName())) {
          fields.put(f.apiName(), full.fields().get(f.apiName()));
        }
      }
      // the full text, withholding only datasets the catalogue does not publish, said in place
      List<String> withheld = new ArrayList<>();
      if (fields.get(Field.DATASETS.apiName()) instanceof List<?> datasets) {
        List<String> shown = new ArrayList<>();
        for (Object d : datasets) {
          if (publishedDataset.test(String.valueOf(d))) {
            shown.add(String.valueOf(d));
          } else {
            withheld.add(Field.WITHHELD_DATASET);
          }
        }
        fields.put(Field.DATASETS.apiName(), List.copyOf(shown));
      }
      if (!withheld.isEmpty()) {
        fields.put(WITHHELD, List.copyOf(withheld));
      }
      fields.put("dpiaDone", full.fields().containsKey(Field.DPIA.apiName()));
      // the review date in force: one every party agreed at a review replaces the version's
      if (a.versionInForce().filter(v::equals).isPresent()
          && a.one(a.iri(), DSR.nextReviewDate.asNode()).isPresent()) {
        a.reviewDue().ifPresent(d -> fields.put("reviewDate", d.toString()));
      }
      List<java.util.Map<String, Object>> parties =
          full.parties().stream()
              .map(
                  p -> {
                    java.util.Map<String, Object> q = new java.util.LinkedHashMap<>();
                    for (Field.PartyField f : Field.PartyField.values()) {
                      if (Field.PartyField.PUBLIC.contains(f)) {
                        if (p.containsKey(f.apiName())) {
                          q.put(f.apiName(), p.get(f.apiName()));
                        }
                      } else if (p.containsKey(f.apiName())) {
                        q.put(WITHHELD, Field.WITHHELD_CONTACT);
                      }
                    }
                    return q;
                  })
              .toList();
      out.add(
          new AgreementService.RegisterEntry(
              s.id(),
              s.iri(),
              a.one(v, DCTerms.title.asNode()).map(Node::getLiteralLexicalForm).orElse(""),
              s.status(),
              a.partyOrganisations(v),
              new AgreementContent(fields, parties),
              publicVersions(a, v)));
    }
    return out;
  }

  /** The name of what the public record withholds, said in place, in register entries. */
  static final String WITHHELD = "withheld";

  /** The versions every party approved, oldest first, with the day of the last approval. */
  private List<AgreementService.PublicVersion> publicVersions(AgreementSnapshot a, Node shown) {
    List<AgreementService.PublicVersion> out = new ArrayList<>();
    for (Node v : a.versions()) {
      Optional<Instant> at = approvedAt(a, v);
      if (at.isPresent()) {
        out.add(
            new AgreementService.PublicVersion(
                a.number(v),
                at.get().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString(),
                v.equals(shown),
                hashes.of(a, v)));
      }
    }
    return out;
  }

  /**
   * Properties of an agreement version the public may see: the version's header, the parties, and
   * the public fields ({@link Field#PUBLIC}, {@link Field.PartyField#PUBLIC}).
   */
  private static final java.util.Set<Node> PUBLIC_PROPERTIES = publicProperties();

  private static java.util.Set<Node> publicProperties() {
    java.util.Set<Node> out = new java.util.HashSet<>();
    out.add(RDF.type.asNode());
    out.add(DSR.versionOf.asNode());
    out.add(DSR.versionNumber.asNode());
    out.add(DSR.hasParty.asNode());
    Field.PUBLIC.forEach(f -> out.add(f.property().asNode()));
    Field.PartyField.PUBLIC.forEach(f -> out.add(f.property().asNode()));
    return java.util.Set.copyOf(out);
  }

  /**
   * The agreement as linked data: the whole graph for parties and auditors; for anyone else, only
   * an agreement that is or was in force, with its public fields. Others get NOT_FOUND, so drafts
   * are not even confirmed to exist.
   */
  Result<Graph> describe(Actor actor, String id) {
    Result<AgreementSnapshot> loaded = reads.load(id);
    if (!loaded.ok()) {
      return loaded.asFailure();
    }
    AgreementSnapshot a = loaded.value();
    if (reads.canSee(actor, a)) {
      return Result.ok(a.graph());
    }
    AgreementStatus s = a.status();
    if (!s.isPublic()) {
      return notFound("No agreement " + id);
    }
    Graph out = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
    Node ag = a.iri();
    for (Node p :
        List.of(
            RDF.type.asNode(),
            DCTerms.identifier.asNode(),
            DSR.status.asNode(),
            DSR.versionInForce.asNode())) {
      a.graph().find(ag, p, Node.ANY).forEachRemaining(out::add);
    }
    Optional<Node> inForce = AgreementPolicy.publicVersion(a);
    if (inForce.isEmpty()) {
      return notFound("No agreement " + id);
    }
    Node v = inForce.get();
    a.content(v)
        .find()
        .forEachRemaining(
            t -> {
              if (PUBLIC_PROPERTIES.contains(t.getPredicate())
                  && !(t.getPredicate().equals(Field.DATASETS.property().asNode())
                      && !publishedDataset.test(ids.slug(t.getObject(), "dataset").orElse("")))) {
                out.add(t);
              }
            });
    return Result.ok(out);
  }

  /** When every needed party had approved the version (after any sign-off); empty if not yet. */
  static Optional<Instant> approvedAt(AgreementSnapshot a, Node v) {
    List<AgreementSnapshot.Decision> approvals =
        a.decisionsOn(v).stream().filter(AgreementSnapshot.Decision::countsAsApproval).toList();
    if (approvals.isEmpty() || !AgreementPolicy.approvalComplete(a, v, java.util.Set.of())) {
      return Optional.empty();
    }
    // an approval that needed a senior officer's sign-off counts from the sign-off
    return approvals.stream()
        .map(
            d ->
                d.signedOff()
                    .flatMap(s -> a.one(s, PROV.endedAtTime.asNode()))
                    .map(n -> Instant.parse(n.getLiteralLexicalForm()))
                    .orElse(d.at()))
        .max(Instant::compareTo);
  }
}
