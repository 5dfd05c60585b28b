package org.datasharing.registry.web.linkeddata;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shared.PrefixMapping;
import org.datasharing.registry.core.agreement.AgreementService.RegisterEntry;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.People;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.core.linkeddata.LinkedData;
import org.datasharing.registry.core.register.PublicRegister;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.platform.Negotiation;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.platform.RdfOutput;
import org.datasharing.registry.web.platform.RdfSyntax;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * Linked-data IRIs: {@code /id/{organisation,dataset,agreement}/{id}} answer with the resource's
 * RDF in the format the client asks for (Turtle, JSON-LD, N-Triples, RDF/XML) or an HTML page.
 * Drafts are visible to their parties only.
 */
@RestController
@PageController
class LinkedDataController {
  /** A page for browsers, else RDF (Turtle when the client has no preference). */
  private static final List<MediaType> OFFERED =
      Stream.concat(Stream.of(MediaType.TEXT_HTML), RdfSyntax.MEDIA_TYPES.stream()).toList();

  private static final PrefixMapping PREFIXES =
      PrefixMapping.Factory.create()
          .setNsPrefix("dsr", "https://w3id.org/dsr#")
          .setNsPrefix("dct", "http://purl.org/dc/terms/")
          .setNsPrefix("dcat", "http://www.w3.org/ns/dcat#")
          .setNsPrefix("org", "http://www.w3.org/ns/org#")
          .setNsPrefix("odrl", "http://www.w3.org/ns/odrl/2/")
          .setNsPrefix("prov", "http://www.w3.org/ns/prov#")
          .setNsPrefix("skos", "http://www.w3.org/2004/02/skos/core#")
          .setNsPrefix("dpv", "https://w3id.org/dpv#")
          .setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#")
          .setNsPrefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
          .lock();

  private final LinkedData linkedData;
  private final Ids ids;
  private final People people;
  private final AuditTrail auditTrail;
  private final PublicRegister publicRegister;

  LinkedDataController(
      LinkedData linkedData,
      Ids ids,
      People people,
      AuditTrail auditTrail,
      PublicRegister publicRegister) {
    this.linkedData = linkedData;
    this.ids = ids;
    this.people = people;
    this.auditTrail = auditTrail;
    this.publicRegister = publicRegister;
  }

  /**
   * An audit event's IRI: its triples (content, leaf and root hash) in RDF for auditors, 404 for
   * everyone else; a browser is sent to the auditors' page of the event (its inclusion proof),
   * which asks it to sign in, whether or not the event exists.
   */
  @GetMapping("/id/audit/{id}")
  Object auditEvent(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "text/turtle") String accept,
      @RequestParam(required = false) String format,
      Authentication auth) {
    if (!knownFormat(format)) {
      return badFormat();
    }
    Optional<MediaType> type = chosen(format, accept);
    if (type.isEmpty()) {
      return Negotiation.notAcceptable(OFFERED);
    }
    if (!Slugs.isValid(id)) {
      return Problems.of(HttpStatus.NOT_FOUND, "There is no audit event " + id);
    }
    if (type.get().equals(MediaType.TEXT_HTML)) {
      return ResponseEntity.status(HttpStatus.SEE_OTHER)
          .location(java.net.URI.create("/audit/events/" + id))
          .build();
    }
    if (!Actors.of(auth).has(Actor.Role.AUDITOR)) {
      return Problems.of(HttpStatus.NOT_FOUND, "There is no audit event " + id);
    }
    Result<Graph> r = auditTrail.describeEvent(ids.auditEvent(id));
    if (!r.ok()) {
      return Problems.of(HttpStatus.NOT_FOUND, r.message());
    }
    return rdf(r.value(), type.get());
  }

  /**
   * A person in the audit trail, described by their events: for auditors and registry
   * administrators only, 404 for everyone else (as if there were no such person). A browser is sent
   * to the person's page ({@code /audit/people/{id}}), which signs it in.
   */
  @GetMapping("/id/user/{id}")
  Object person(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "text/turtle") String accept,
      @RequestParam(required = false) String format,
      Authentication auth) {
    if (!knownFormat(format)) {
      return badFormat();
    }
    Actor actor = Actors.of(auth);
    boolean mayRead = actor.has(Actor.Role.AUDITOR) || actor.has(Actor.Role.REGISTRY_ADMIN);
    if (!mayRead
        && Slugs.isValid(id)
        && chosen(format, accept).filter(MediaType.TEXT_HTML::equals).isPresent()) {
      // a browser (no bearer token on /id/**) is sent to the person's page, which asks it to sign
      // in and answers 404 to anyone but auditors and registry administrators, whether or not
      // the person exists
      return ResponseEntity.status(HttpStatus.SEE_OTHER)
          .location(java.net.URI.create("/audit/people/" + id))
          .build();
    }
    Result<Graph> r = people.describe(actor, id);
    if (!r.ok()) {
      return Problems.of(HttpStatus.NOT_FOUND, r.message());
    }
    Optional<MediaType> type = chosen(format, accept);
    if (type.isEmpty()) {
      return Negotiation.notAcceptable(OFFERED);
    }
    if (type.get().equals(MediaType.TEXT_HTML)) {
      return new org.springframework.web.servlet.ModelAndView("audit-person")
          .addObject("person", people.person(Actors.of(auth), id).orElseThrow());
    }
    return rdf(r.value(), type.get());
  }

  /** {@code ?format=} for links in pages, where a browser cannot choose the Accept header. */
  private static final Map<String, RdfSyntax> FORMAT_PARAMETER =
      Map.of(
          "turtle", RdfSyntax.TURTLE,
          "jsonld", RdfSyntax.JSONLD,
          "ntriples", RdfSyntax.NTRIPLES,
          "rdfxml", RdfSyntax.RDFXML);

  private static boolean knownFormat(String format) {
    return format == null || FORMAT_PARAMETER.containsKey(format);
  }

  private static ResponseEntity<Object> badFormat() {
    return Problems.badRequest(
        "format",
        "format must be one of " + String.join(", ", new TreeSet<>(FORMAT_PARAMETER.keySet())));
  }

  /** The type {@code ?format=} names, else the best of {@link #OFFERED} the Accept header takes. */
  private static Optional<MediaType> chosen(String format, String accept) {
    return format == null
        ? Negotiation.choose(accept, OFFERED, RdfSyntax.TURTLE.mediaType())
        : Optional.of(FORMAT_PARAMETER.get(format).mediaType());
  }

  @GetMapping("/id/{kind:organisation|dataset|agreement}/{id}")
  Object describe(
      @PathVariable String kind,
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "text/turtle") String accept,
      @RequestParam(required = false) String format,
      Authentication auth) {
    if (!knownFormat(format)) {
      return badFormat();
    }
    Result<Graph> r = linkedData.describe(Actors.of(auth), kind, id);
    if (!r.ok()) {
      return Problems.of(HttpStatus.NOT_FOUND, r.message());
    }
    Graph g = r.value();
    g.getPrefixMapping().setNsPrefixes(PREFIXES);
    Optional<MediaType> type = chosen(format, accept);
    if (type.isEmpty()) {
      return Negotiation.notAcceptable(OFFERED);
    }
    if (type.get().equals(MediaType.TEXT_HTML)) {
      if (kind.equals("agreement")) {
        // an agreement on the register: its public record in plain English, the same for everyone
        Optional<RegisterEntry> entry = publicRegister.entry(id);
        if (entry.isPresent()) {
          ModelAndView mav = new ModelAndView("public-agreement");
          mav.addObject("r", publicRegister.rows(List.of(entry.get())).get(0));
          return mav;
        }
      }
      Node main =
          switch (kind) {
            case "organisation" -> ids.organisation(id);
            case "dataset" -> ids.dataset(id);
            default -> ids.agreement(id);
          };
      return LinkedDataPage.of(kind, id, main, ids.base(), g, PREFIXES).view();
    }
    return rdf(g, type.get());
  }

  /** The graph with the registry's prefixes, in the RDF syntax of {@code type}. */
  private static ResponseEntity<Object> rdf(Graph g, MediaType type) {
    g.getPrefixMapping().setNsPrefixes(PREFIXES);
    return RdfOutput.answer(g, type);
  }
}
