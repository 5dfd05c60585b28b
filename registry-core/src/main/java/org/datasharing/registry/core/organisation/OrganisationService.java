package org.datasharing.registry.core.organisation;

import static org.datasharing.registry.core.common.GraphValues.lex;
import static org.datasharing.registry.core.common.GraphValues.one;
import static org.datasharing.registry.core.common.GraphValues.text;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.datasharing.registry.core.audit.ResourceWriter;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/** Member organisations (W3C ORG) with sector, type, DPO contact and assurance certificates. */
public final class OrganisationService {
  private static final Node GRAPH = Graphs.ORGANISATIONS_NODE;

  private final RegistryStore store;
  private final Ids ids;
  private final ReferenceData reference;
  private final ResourceWriter writer;

  public OrganisationService(
      RegistryStore store, Ids ids, ReferenceData reference, ResourceWriter writer) {
    this.store = store;
    this.ids = ids;
    this.reference = reference;
    this.writer = writer;
  }

  public Result<Organisation> create(Actor actor, Organisation o) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can add organisations");
    }
    return save(actor, o, true, DSR.Onboard.asNode());
  }

  /**
   * Changes an organisation. Its DPO may change its contact details only here; who it is (name,
   * type, sector, domain) needs the registry administrator, so no organisation can take another's
   * identity. A DPO records the organisation's assurance with {@link #recordAssurance}, its own
   * audited operation.
   */
  public Result<Organisation> update(Actor actor, Organisation o) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN) && !actor.dpoOf(o.id())) {
      return Result.forbidden(
          "Only a registry administrator or the organisation's DPO can change it");
    }
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      Optional<Organisation> stored = get(o.id());
      if (stored.isEmpty()) {
        return Result.notFound("No organisation " + o.id());
      }
      List<String> changed = adminOnlyChanges(stored.get(), o);
      if (!changed.isEmpty()) {
        return Result.forbidden(
            "Only a registry administrator can change "
                + String.join(", ", changed)
                + "; a DPO can change the DPO's name and e-mail address");
      }
      if (!sameAssurances(stored.get(), o)) {
        return Result.forbidden(
            "A DPO records the organisation's assurances on their own: PUT"
                + " /api/organisations/"
                + o.id()
                + "/assurances, or the organisation's assurance page");
      }
    }
    return save(actor, o, false, DSR.EditOrganisation.asNode());
  }

  /**
   * Records an organisation's assurance certificates, replacing those on record (one per scheme):
   * by the registry administrator or the organisation's own DPO, audited as {@code
   * dsr:RecordAssurance}. Nothing else about the organisation changes.
   */
  public Result<Organisation> recordAssurance(
      Actor actor, String id, List<Organisation.Assurance> assurances) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN) && !actor.dpoOf(id)) {
      return Result.forbidden(
          "Only the registry administrator or the organisation's own DPO can record its"
              + " assurance");
    }
    Optional<Organisation> stored = get(id);
    if (stored.isEmpty()) {
      return Result.notFound("No organisation " + id);
    }
    List<String> schemes = new ArrayList<>();
    for (int i = 0; i < assurances.size(); i++) {
      if (assurances.get(i) == null) {
        return Result.invalid(
            new Violation("assurances[" + i + "]", "Give an assurance certificate here, not null"));
      }
      String scheme = assurances.get(i).scheme();
      if (schemes.contains(scheme)) {
        return Result.invalid(
            new Violation(
                "assurances[" + i + "].scheme",
                "Record each assurance scheme once; '" + scheme + "' is there twice"));
      }
      schemes.add(scheme);
    }
    Organisation s = stored.get();
    return save(
        actor,
        new Organisation(
            s.id(),
            s.name(),
            s.type(),
            s.sector(),
            s.domain(),
            s.dpoName(),
            s.dpoEmail(),
            assurances),
        false,
        DSR.RecordAssurance.asNode());
  }

  /**
   * Sets whether the organisation's approval of an agreement needs its senior officer's sign-off
   * after its DPO's approval ({@code dsr:requiresSeniorSignOff}); off by default, when the DPO
   * signs off alone. Turned on by the registry administrator or the organisation's own DPO, off by
   * the administrator only (a DPO cannot remove the check on their own approvals); audited as an
   * organisation edit. Approvals already given keep the rule they were given under.
   */
  public Result<Boolean> requireSeniorSignOff(Actor actor, String id, boolean required) {
    boolean admin = actor.has(Actor.Role.REGISTRY_ADMIN);
    if (!admin && !actor.dpoOf(id)) {
      return Result.forbidden(
          "Only the registry administrator or the organisation's own DPO can say whether its"
              + " approvals need a senior officer's sign-off");
    }
    if (!admin && !required) {
      // the sign-off checks the DPO's own approvals: the DPO may ask for it, not remove it
      return Result.forbidden(
          "Only the registry administrator can let the organisation's DPO sign off alone: a DPO"
              + " cannot remove the senior officer's check on their own approvals");
    }
    if (!Slugs.isValid(id)) {
      return Result.notFound("No organisation " + id);
    }
    Node iri = ids.organisation(id);
    Graph stored = writer.describe(GRAPH, iri);
    if (stored.isEmpty()) {
      return Result.notFound("No organisation " + id);
    }
    Graph g = GraphFactory.createDefaultGraph();
    stored.find().forEachRemaining(g::add);
    g.remove(iri, DSR.requiresSeniorSignOff.asNode(), Node.ANY);
    if (required) {
      g.add(iri, DSR.requiresSeniorSignOff.asNode(), TRUE);
    }
    return writer
        .write(
            actor,
            GRAPH,
            iri,
            ORG.FormalOrganization.asNode(),
            g,
            false,
            reference.graph(),
            DSR.EditOrganisation.asNode())
        .map(n -> required);
  }

  /** Whether the organisation's approvals need its senior officer's sign-off. */
  public boolean requiresSeniorSignOff(String id) {
    return Slugs.isValid(id) && requiresSeniorSignOff(store, ids.organisation(id));
  }

  /** The one reading of the setting, for the agreement's approval rule as for the pages. */
  public static boolean requiresSeniorSignOff(RegistryStore store, Node organisation) {
    return store.ask(
        org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps.transform(
            REQUIRES_SIGN_OFF,
            java.util.Map.of(
                org.apache.jena.sparql.core.Var.alloc("g"), GRAPH,
                org.apache.jena.sparql.core.Var.alloc("o"), organisation,
                org.apache.jena.sparql.core.Var.alloc("p"), DSR.requiresSeniorSignOff.asNode())));
  }

  private static final org.apache.jena.query.Query REQUIRES_SIGN_OFF =
      org.apache.jena.query.QueryFactory.create("ASK { GRAPH ?g { ?o ?p true } }");

  /** The setting's stored value, {@code true} as an {@code xsd:boolean}. */
  public static final Node TRUE = NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean);

  /** The fields only a registry administrator may change that differ between the two. */
  private static List<String> adminOnlyChanges(Organisation stored, Organisation asked) {
    List<String> out = new ArrayList<>();
    if (!java.util.Objects.equals(stored.name(), asked.name())) {
      out.add("name");
    }
    if (!java.util.Objects.equals(stored.type(), asked.type())) {
      out.add("type");
    }
    if (!java.util.Objects.equals(stored.sector(), asked.sector())) {
      out.add("sector");
    }
    if (!java.util.Objects.equals(stored.domain(), asked.domain())) {
      out.add("domain");
    }
    return out;
  }

  private static boolean sameAssurances(Organisation stored, Organisation asked) {
    return new java.util.HashSet<>(stored.assurances())
        .equals(new java.util.HashSet<>(asked.assurances()));
  }

  public Optional<Organisation> get(String id) {
    if (!Slugs.isValid(id)) {
      return Optional.empty();
    }
    Node iri = ids.organisation(id);
    Graph g = writer.describe(GRAPH, iri);
    return g.isEmpty() ? Optional.empty() : Optional.of(read(g, iri, id));
  }

  public List<Organisation> list() {
    Graph all = store.graph(GRAPH);
    List<Organisation> out = new ArrayList<>();
    all.find(Node.ANY, RDF.type.asNode(), ORG.FormalOrganization.asNode())
        .forEachRemaining(
            t ->
                ids.slug(t.getSubject(), "organisation")
                    .ifPresent(id -> out.add(read(all, t.getSubject(), id))));
    out.sort(java.util.Comparator.comparing(Organisation::name));
    return out;
  }

  private Result<Organisation> save(Actor actor, Organisation o, boolean create, Node action) {
    List<Violation> violations = new ArrayList<>();
    if (!Slugs.isValid(o.id())) {
      return Result.invalid(
          new Violation("id", "Use lower-case letters, digits and hyphens for the identifier"));
    }
    Node iri = ids.organisation(o.id());
    Graph g = GraphFactory.createDefaultGraph();
    g.add(iri, RDF.type.asNode(), ORG.FormalOrganization.asNode());
    g.add(iri, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(o.id()));
    text(g, iri, SKOS.prefLabel.asNode(), o.name());
    ref(g, iri, ORG.classification.asNode(), "organisation-type", o.type(), "type", violations);
    ref(g, iri, DSR.sector.asNode(), "sector", o.sector(), "sector", violations);
    text(g, iri, DSR.domain.asNode(), o.domain());
    text(g, iri, DSR.dpoName.asNode(), o.dpoName());
    text(g, iri, DSR.dpoEmail.asNode(), o.dpoEmail());
    for (int i = 0; i < o.assurances().size(); i++) {
      Organisation.Assurance a = o.assurances().get(i);
      String field = "assurances[" + i + "]";
      Optional<Node> scheme = reference.concept("assurance-scheme", a.scheme());
      if (scheme.isEmpty()) {
        violations.add(
            new Violation(
                field + ".scheme", "'" + a.scheme() + "' is not a known assurance scheme"));
        continue;
      }
      Node c =
          NodeFactory.createURI(iri.getURI() + "/assurance/" + ReferenceData.code(scheme.get()));
      g.add(iri, DSR.hasAssurance.asNode(), c);
      g.add(c, RDF.type.asNode(), DSR.AssuranceCertificate.asNode());
      g.add(c, DSR.assuranceScheme.asNode(), scheme.get());
      text(g, c, DSR.assuranceLevel.asNode(), a.level());
      date(g, c, DSR.validFrom.asNode(), a.validFrom(), field + ".validFrom", violations);
      date(g, c, DSR.validUntil.asNode(), a.validUntil(), field + ".validUntil", violations);
      text(g, c, DSR.certificateNumber.asNode(), a.certificate());
      text(g, c, DSR.assessmentYear.asNode(), a.year());
      evidence(g, c, a.evidence(), field + ".evidence", violations);
    }
    if (!violations.isEmpty()) {
      return Result.invalid("Correct the fields listed", violations);
    }
    if (!create && requiresSeniorSignOff(o.id())) {
      // a setting of its own (requireSeniorSignOff): an edit of the details keeps it
      g.add(iri, DSR.requiresSeniorSignOff.asNode(), TRUE);
    }
    for (Organisation x : list()) {
      if (x.id().equals(o.id())) {
        continue;
      }
      if (o.name() != null && o.name().strip().equalsIgnoreCase(String.valueOf(x.name()).strip())) {
        return Result.conflict("name: another organisation is registered as '" + x.name() + "'");
      }
      if (o.domain() != null && o.domain().strip().equalsIgnoreCase(String.valueOf(x.domain()))) {
        return Result.conflict("domain: another organisation has the domain " + x.domain());
      }
    }
    return writer
        .write(
            actor,
            GRAPH,
            iri,
            ORG.FormalOrganization.asNode(),
            g,
            create,
            reference.graph(),
            action)
        .map(n -> read(g, iri, o.id()));
  }

  private Organisation read(Graph g, Node iri, String id) {
    List<Organisation.Assurance> assurances = new ArrayList<>();
    g.find(iri, DSR.hasAssurance.asNode(), Node.ANY)
        .forEachRemaining(
            t -> {
              Node c = t.getObject();
              assurances.add(
                  new Organisation.Assurance(
                      one(g, c, DSR.assuranceScheme.asNode()).map(ReferenceData::code).orElse(null),
                      lex(g, c, DSR.assuranceLevel.asNode()),
                      lex(g, c, DSR.validFrom.asNode()),
                      lex(g, c, DSR.validUntil.asNode()),
                      lex(g, c, DSR.certificateNumber.asNode()),
                      lex(g, c, DSR.assessmentYear.asNode()),
                      one(g, c, DSR.evidence.asNode()).map(Node::getURI).orElse(null)));
            });
    assurances.sort(java.util.Comparator.comparing(a -> String.valueOf(a.scheme())));
    return new Organisation(
        id,
        lex(g, iri, SKOS.prefLabel.asNode()),
        one(g, iri, ORG.classification.asNode()).map(ReferenceData::code).orElse(null),
        one(g, iri, DSR.sector.asNode()).map(ReferenceData::code).orElse(null),
        lex(g, iri, DSR.domain.asNode()),
        lex(g, iri, DSR.dpoName.asNode()),
        lex(g, iri, DSR.dpoEmail.asNode()),
        assurances);
  }

  private void ref(
      Graph g,
      Node s,
      Node p,
      String scheme,
      String code,
      String field,
      List<Violation> violations) {
    if (code == null || code.isBlank()) {
      return; // the shapes report what is required
    }
    reference
        .concept(scheme, code)
        .ifPresentOrElse(
            c -> g.add(s, p, c),
            () ->
                violations.add(
                    new Violation(
                        field,
                        "'" + code + "' is not a known " + scheme.replace('-', ' ') + " code")));
  }

  /** The evidence link: a web address, stored as an IRI. */
  private static void evidence(
      Graph g, Node s, String value, String field, List<Violation> violations) {
    if (value == null || value.isBlank()) {
      return;
    }
    String v = value.strip();
    try {
      java.net.URI uri = new java.net.URI(v);
      if ((!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()))
          || uri.getHost() == null
          || v.length() > 2000) {
        throw new java.net.URISyntaxException(v, "not a web address");
      }
      g.add(s, DSR.evidence.asNode(), NodeFactory.createURI(uri.toASCIIString()));
    } catch (java.net.URISyntaxException e) {
      violations.add(
          new Violation(field, "Give the evidence as a web address starting with https://"));
    }
  }

  static void date(
      Graph g, Node s, Node p, String value, String field, List<Violation> violations) {
    if (value == null || value.isBlank()) {
      return;
    }
    try {
      g.add(
          s,
          p,
          NodeFactory.createLiteralDT(LocalDate.parse(value).toString(), XSDDatatype.XSDdate));
    } catch (DateTimeParseException e) {
      violations.add(new Violation(field, "Enter a real date as YYYY-MM-DD"));
    }
  }
}
