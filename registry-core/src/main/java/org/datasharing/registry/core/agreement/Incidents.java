package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.agreement.AgreementWrites.add;
import static org.datasharing.registry.core.agreement.AgreementWrites.timeLit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.agreement.AgreementWrites.Pending;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.common.XmlText;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * Staff of a party record a personal data breach or other incident affecting data shared under an
 * agreement: one audited commit, which tells every party's DPO (UK GDPR Article 33(2): a processor
 * tells its controller without undue delay; between joint and separate controllers, the agreement's
 * breach-handling terms say the same). The incident is kept in the agreement's graph: parties and
 * auditors see it, the public never does.
 */
final class Incidents {
  /** The shortest description a DPO can act on; "x" is not one. */
  static final int MIN_DESCRIPTION = 20;

  /** The shortest account of the data affected (categories, roughly how many people). */
  static final int MIN_DATA_AFFECTED = 10;

  static final int MAX_TEXT = 10_000;

  private final AgreementWrites writes;
  private final Ids ids;
  private final Clock clock;
  private final VersionHashes hashes;

  Incidents(AgreementWrites writes, Ids ids, Clock clock, VersionHashes hashes) {
    this.writes = writes;
    this.ids = ids;
    this.clock = clock;
    this.hashes = hashes;
  }

  Result<AgreementView> record(Actor actor, String id, Incident incident) {
    return writes.attempt(
        id,
        actor,
        AgreementPolicy.Action.REPORT_INCIDENT,
        a -> {
          List<Violation> bad = problems(incident);
          if (!bad.isEmpty()) {
            return Result.invalid("The incident cannot be recorded as it stands", bad);
          }
          String org = actor.organisation().orElseThrow();
          Node ag = a.iri();
          Node inForce = a.versionInForce().orElseThrow();
          Node i = ids.decision(ag, "incident-" + UUID.randomUUID());
          List<Quad> add = new ArrayList<>();
          add(add, ag, i, RDF.type.asNode(), DSR.Incident.asNode());
          add(add, ag, i, RDF.type.asNode(), PROV.Activity.asNode());
          add(add, ag, i, DSR.incidentUnder.asNode(), inForce);
          add(add, ag, i, DSR.discoveredAt.asNode(), timeLit(incident.discoveredAt()));
          add(add, ag, i, DSR.incidentKind.asNode(), incident.kind().node());
          add(add, ag, i, DSR.severity.asNode(), incident.severity().node());
          add(add, ag, i, DCTerms.description.asNode(), text(incident.description()));
          add(add, ag, i, DSR.dataAffected.asNode(), text(incident.dataAffected()));
          add(add, ag, i, DSR.reportingOrganisation.asNode(), ids.organisation(org));
          add(add, ag, i, PROV.wasAssociatedWith.asNode(), ids.user(actor));
          add(add, ag, i, PROV.endedAtTime.asNode(), timeLit(clock.instant()));
          String detail =
              "incident recorded by "
                  + org
                  + ": "
                  + incident.kind().code()
                  + " breach, "
                  + incident.severity().code()
                  + ", discovered "
                  + incident.discoveredAt()
                  + incident
                      .icoReportDue()
                      .map(d -> "; report to the ICO due by " + d)
                      .orElse("; not reportable to the ICO");
          return Result.ok(
              new Pending(
                  List.of(),
                  add,
                  DSR.RecordIncident.asNode(),
                  inForce,
                  hashes.of(a, inForce),
                  detail));
        });
  }

  /** What is wrong with the report, each by its field. */
  private List<Violation> problems(Incident incident) {
    List<Violation> out = new ArrayList<>();
    if (incident.discoveredAt() == null) {
      out.add(new Violation("discoveredAt", "Give the date and time the incident was discovered"));
    } else if (incident.discoveredAt().isAfter(clock.instant())) {
      out.add(new Violation("discoveredAt", "The time of discovery cannot be in the future"));
    }
    text(incident.description(), "description", "Describe what happened", MIN_DESCRIPTION)
        .ifPresent(out::add);
    if (incident.kind() == null) {
      out.add(new Violation("kind", "Choose confidentiality, integrity or availability breach"));
    }
    if (incident.severity() == null) {
      out.add(
          new Violation("severity", "Choose the risk to people: risk-unlikely, risk or high-risk"));
    }
    text(
            incident.dataAffected(),
            "dataAffected",
            "Say which shared data was affected and roughly how many people",
            MIN_DATA_AFFECTED)
        .ifPresent(out::add);
    return out;
  }

  private static Optional<Violation> text(String value, String field, String ask, int min) {
    String s = value == null ? "" : value.strip();
    if (s.isEmpty()) {
      return Optional.of(new Violation(field, ask));
    }
    if (!XmlText.isLegal(s)) {
      return Optional.of(new Violation(field, XmlText.MESSAGE));
    }
    if (s.length() < min) {
      return Optional.of(
          new Violation(
              field, ask + " in at least " + min + " characters, so the other parties can act"));
    }
    if (s.length() > MAX_TEXT) {
      return Optional.of(new Violation(field, "At most " + MAX_TEXT + " characters"));
    }
    return Optional.empty();
  }

  private static Node text(String s) {
    return NodeFactory.createLiteralString(s.strip());
  }
}
