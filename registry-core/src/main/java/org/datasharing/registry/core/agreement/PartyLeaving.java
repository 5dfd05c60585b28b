package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.agreement.AgreementWrites.add;
import static org.datasharing.registry.core.agreement.AgreementWrites.timeLit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.agreement.AgreementWrites.Pending;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * One party leaves an agreement in force while the others continue: the registry records the notice
 * and starts a new version with the same text without that party, as an amendment the remaining
 * parties approve (submitted at once when it still meets the shapes, else a draft for them to
 * complete). The version in force binds everyone meanwhile.
 */
final class PartyLeaving {
  private final AgreementWrites writes;
  private final Drafting drafting;
  private final Ids ids;
  private final Clock clock;

  PartyLeaving(AgreementWrites writes, Drafting drafting, Ids ids, Clock clock) {
    this.writes = writes;
    this.drafting = drafting;
    this.ids = ids;
    this.clock = clock;
  }

  Result<AgreementView> leave(
      Actor actor, String id, String organisation, Optional<String> reason) {
    return writes.attempt(
        id,
        a -> {
          Optional<AgreementPolicy.Refusal> refused =
              AgreementPolicy.checkLeave(actor, a, organisation);
          if (refused.isPresent()) {
            return refused.get().result();
          }
          Node ag = a.iri();
          Node inForce = a.versionInForce().orElseThrow();
          Optional<String> why = reason.map(String::strip).filter(s -> !s.isBlank());
          Pending drafted =
              drafting.newVersion(
                  a,
                  DSR.Leave.asNode(),
                  organisation + " gives notice of leaving version " + a.number(inForce),
                  true,
                  text -> without(text, organisation));
          List<Quad> remove = new ArrayList<>(drafted.remove());
          List<Quad> add = new ArrayList<>(drafted.add());
          Node v = drafted.version();
          List<Violation> violations = drafting.validate(a.with(remove, add), v);
          String detail = drafted.detail();
          if (violations.isEmpty()) {
            add.removeIf(q -> q.getPredicate().equals(DSR.amendmentStatus.asNode()));
            add(add, ag, ag, DSR.amendmentStatus.asNode(), AgreementStatus.SUBMITTED.node());
            detail += "; submitted to the remaining parties for approval";
          } else {
            detail +=
                "; a draft for the remaining parties, who must complete "
                    + violations.stream().map(Violation::field).distinct().toList()
                    + " before submitting it";
          }
          Node r = ids.decision(ag, UUID.randomUUID().toString());
          add(add, ag, r, RDF.type.asNode(), DSR.Leaving.asNode());
          add(add, ag, r, RDF.type.asNode(), PROV.Activity.asNode());
          add(add, ag, r, DSR.leaves.asNode(), inForce);
          add(add, ag, r, DSR.onBehalfOf.asNode(), ids.organisation(organisation));
          add(add, ag, r, PROV.wasAssociatedWith.asNode(), ids.user(actor));
          add(add, ag, r, PROV.endedAtTime.asNode(), timeLit(clock.instant()));
          why.ifPresent(
              s -> add(add, ag, r, DSR.reason.asNode(), NodeFactory.createLiteralString(s)));
          return Result.ok(
              new Pending(
                  remove,
                  add,
                  DSR.Leave.asNode(),
                  v,
                  drafted.hash(),
                  detail + why.map(s -> ": " + s).orElse("")));
        },
        actor);
  }

  /** The same text without the organisation's party. */
  private static AgreementContent without(AgreementContent text, String organisation) {
    List<Map<String, Object>> parties =
        text.parties().stream()
            .filter(p -> !organisation.equals(String.valueOf(p.get("organisation"))))
            .toList();
    return new AgreementContent(text.fields(), parties);
  }
}
