package org.datasharing.registry.core.agreement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * The one rule for a version's required assurance: an organisation meets it with a certificate of
 * each required scheme valid today. Asked at submit (every party) and at approval (the approver).
 */
final class AssuranceCheck {
  private final RegistryStore store;
  private final Ids ids;
  private final Clock clock;
  private final ReferenceData reference;

  AssuranceCheck(RegistryStore store, Ids ids, Clock clock, ReferenceData reference) {
    this.store = store;
    this.ids = ids;
    this.clock = clock;
    this.reference = reference;
  }

  /** A required scheme the organisation does not meet: none on record, or expired on a date. */
  record Gap(String scheme, Optional<LocalDate> expiredOn) {}

  /**
   * The first required scheme the organisation's assurance on record does not meet, if any; adds to
   * {@code evidence} a guard for each certificate date it relied on, so a write never commits on
   * assurance that changed after it was read.
   */
  Optional<Gap> gap(AgreementSnapshot a, Node v, String org, List<Guard> evidence) {
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
    return standing(required, rows, today).stream()
        .filter(s -> !s.met())
        .findFirst()
        .map(s -> new Gap(s.scheme(), s.validUntil()));
  }

  /** How an organisation stands against one required scheme: met, and until when, if on record. */
  record Standing(String scheme, boolean met, Optional<LocalDate> validUntil) {}

  /** The organisation's standing against each scheme the version requires, in the same rule. */
  List<Standing> standing(AgreementSnapshot a, Node v, String org) {
    List<Node> required =
        a.graph()
            .find(v, DSR.requiredAssurance.asNode(), Node.ANY)
            .mapWith(t -> t.getObject())
            .toList();
    if (required.isEmpty()) {
      return List.of();
    }
    var rows =
        store.select(Queries.bind("organisation-assurance", Map.of("org", ids.organisation(org))));
    return standing(required, rows, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
  }

  /** A certificate counts until the end of its last valid day; one that expired does not. */
  private List<Standing> standing(
      List<Node> required,
      List<org.apache.jena.sparql.engine.binding.Binding> rows,
      LocalDate today) {
    List<Standing> out = new java.util.ArrayList<>();
    for (Node scheme : required) {
      Optional<LocalDate> validUntil =
          rows.stream()
              .filter(b -> scheme.equals(b.get("scheme")))
              .map(b -> b.get("validUntil"))
              .filter(n -> n != null)
              .map(n -> LocalDate.parse(n.getLiteralLexicalForm()))
              .max(LocalDate::compareTo);
      out.add(
          new Standing(
              reference.label(scheme),
              validUntil.filter(d -> Organisation.Assurance.counts(d, today)).isPresent(),
              validUntil));
    }
    return out;
  }
}
