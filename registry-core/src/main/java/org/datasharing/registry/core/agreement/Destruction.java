package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.agreement.AgreementWrites.add;
import static org.datasharing.registry.core.agreement.AgreementWrites.timeLit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.agreement.AgreementService.Disposal;
import org.datasharing.registry.core.agreement.AgreementWrites.Pending;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.common.XmlText;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * When an agreement ends (terminated or expired), each party's DPO confirms that their organisation
 * destroyed or returned the data it received under it, or received none (UK GDPR Article 5(1)(e)
 * storage limitation; Article 28(3)(g) for a processor; the ICO data sharing code's termination
 * arrangements). One audited commit per party; a confirmation not given within {@link
 * #CONFIRM_WITHIN} of the end is overdue on the dashboard.
 */
final class Destruction {
  /** How long after the end a party has to confirm (the registry's own policy). */
  static final Duration CONFIRM_WITHIN = Duration.ofDays(30);

  private final AgreementWrites writes;
  private final Ids ids;
  private final Clock clock;
  private final VersionHashes hashes;

  Destruction(AgreementWrites writes, Ids ids, Clock clock, VersionHashes hashes) {
    this.writes = writes;
    this.ids = ids;
    this.clock = clock;
    this.hashes = hashes;
  }

  Result<AgreementView> confirm(
      Actor actor, String id, Disposal disposal, Optional<String> statement) {
    return writes.attempt(
        id,
        actor,
        AgreementPolicy.Action.CONFIRM_DESTRUCTION,
        a -> {
          if (disposal == null) {
            return Result.invalid(
                new Violation("disposal", "Choose destroyed, returned or none-received"));
          }
          Optional<String> said = statement.map(String::strip).filter(s -> !s.isBlank());
          if (said.filter(s -> !XmlText.isLegal(s)).isPresent()) {
            return Result.invalid(new Violation("statement", XmlText.MESSAGE));
          }
          if (said.filter(s -> s.length() > Incidents.MAX_TEXT).isPresent()) {
            return Result.invalid(
                new Violation("statement", "At most " + Incidents.MAX_TEXT + " characters"));
          }
          String org = actor.organisation().orElseThrow();
          Node ag = a.iri();
          Node last = AgreementPolicy.publicVersion(a).orElseThrow();
          Node c = ids.decision(ag, "destruction-" + UUID.randomUUID());
          List<Quad> add = new ArrayList<>();
          add(add, ag, c, RDF.type.asNode(), DSR.DestructionConfirmation.asNode());
          add(add, ag, c, RDF.type.asNode(), PROV.Activity.asNode());
          add(add, ag, c, DSR.destructionOf.asNode(), last);
          add(add, ag, c, DSR.disposal.asNode(), disposal.node());
          add(add, ag, c, DSR.onBehalfOf.asNode(), ids.organisation(org));
          add(add, ag, c, PROV.wasAssociatedWith.asNode(), ids.user(actor));
          add(add, ag, c, PROV.endedAtTime.asNode(), timeLit(clock.instant()));
          said.ifPresent(
              s -> add(add, ag, c, DSR.reason.asNode(), NodeFactory.createLiteralString(s)));
          return Result.ok(
              new Pending(
                  List.of(),
                  add,
                  DSR.ConfirmDestruction.asNode(),
                  last,
                  hashes.of(a, last),
                  org
                      + " confirms the data it received was "
                      + disposal.words()
                      + said.map(s -> ": " + s).orElse("")));
        });
  }
}
