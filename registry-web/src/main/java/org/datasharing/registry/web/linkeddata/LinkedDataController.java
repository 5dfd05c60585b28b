package org.datasharing.registry.web.linkeddata;

import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.shared.PrefixMapping;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Linked-data IRIs: {@code /id/{organisation,dataset,agreement}/{id}} answer with the resource's
 * RDF in the format the client asks for (Turtle, JSON-LD, N-Triples, RDF/XML) or an HTML page.
 * Drafts are visible to their parties only.
 */
@RestController
class LinkedDataController {
  private static final Map<MediaType, RDFFormat> FORMATS = new java.util.LinkedHashMap<>();

  static {
    FORMATS.put(MediaType.parseMediaType("text/turtle"), RDFFormat.TURTLE_PRETTY);
    FORMATS.put(MediaType.parseMediaType("application/ld+json"), RDFFormat.JSONLD_PRETTY);
    FORMATS.put(MediaType.parseMediaType("application/n-triples"), RDFFormat.NTRIPLES_UTF8);
    FORMATS.put(MediaType.parseMediaType("application/rdf+xml"), RDFFormat.RDFXML_PRETTY);
  }

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

  private final Registry registry;

  LinkedDataController(Registry registry) {
    this.registry = registry;
  }

  /** {@code ?format=} for links in pages, where a browser cannot choose the Accept header. */
  private static final Map<String, MediaType> FORMAT_PARAMETER =
      Map.of(
          "turtle", MediaType.parseMediaType("text/turtle"),
          "jsonld", MediaType.parseMediaType("application/ld+json"),
          "ntriples", MediaType.parseMediaType("application/n-triples"),
          "rdfxml", MediaType.parseMediaType("application/rdf+xml"));

  @GetMapping("/id/{kind:organisation|dataset|agreement}/{id}")
  Object describe(
      @PathVariable String kind,
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "text/turtle") String accept,
      @RequestParam(required = false) String format,
      Authentication auth) {
    if (format != null && !FORMAT_PARAMETER.containsKey(format)) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "format must be one of "
              + String.join(", ", new java.util.TreeSet<>(FORMAT_PARAMETER.keySet())));
    }
    Result<Graph> r = registry.linkedData().describe(Actors.of(auth), kind, id);
    if (!r.ok()) {
      return problem(HttpStatus.NOT_FOUND, r.message());
    }
    Graph g = r.value();
    g.getPrefixMapping().setNsPrefixes(PREFIXES);
    List<MediaType> wanted =
        format == null ? sorted(accept) : List.of(FORMAT_PARAMETER.get(format));
    for (MediaType type : wanted) {
      if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
        Node main =
            switch (kind) {
              case "organisation" -> registry.ids().organisation(id);
              case "dataset" -> registry.ids().dataset(id);
              default -> registry.ids().agreement(id);
            };
        return LinkedDataPage.of(kind, id, main, registry.ids().base(), g, PREFIXES).view();
      }
      for (var f : FORMATS.entrySet()) {
        if (type.isCompatibleWith(f.getKey())) {
          return ResponseEntity.ok()
              .contentType(f.getKey())
              .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
              .body(RdfOutput.write(g, f.getValue()));
        }
      }
    }
    return problem(
        HttpStatus.NOT_ACCEPTABLE,
        "Ask for text/turtle, application/ld+json, application/n-triples, application/rdf+xml or text/html");
  }

  private static boolean prefersHtml(List<MediaType> wanted) {
    for (MediaType type : wanted) {
      if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
        return true;
      }
      if (FORMATS.keySet().stream().anyMatch(type::isCompatibleWith)) {
        return false;
      }
    }
    return false;
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }

  private static List<MediaType> sorted(String accept) {
    try {
      List<MediaType> types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
      org.springframework.util.MimeTypeUtils.sortBySpecificity(types);
      types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
      return types;
    } catch (IllegalArgumentException e) {
      return List.of(MediaType.parseMediaType("text/turtle"));
    }
  }
}
