package org.datasharing.registry.web.linkeddata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

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

  @GetMapping("/id/{kind:organisation|dataset|agreement}/{id}")
  ResponseEntity<?> describe(
      @PathVariable String kind,
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "text/turtle") String accept,
      Authentication auth) {
    Result<Graph> r = registry.linkedData().describe(Actors.of(auth), kind, id);
    if (!r.ok()) {
      ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, r.message());
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(p);
    }
    Graph g = r.value();
    g.getPrefixMapping().setNsPrefixes(PREFIXES);
    for (MediaType wanted : sorted(accept)) {
      if (wanted.isCompatibleWith(MediaType.TEXT_HTML) && !wanted.isWildcardType()) {
        return ResponseEntity.ok()
            .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
            .body(html(kind, id, g));
      }
      for (var f : FORMATS.entrySet()) {
        if (wanted.isCompatibleWith(f.getKey())) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          RDFDataMgr.write(out, g, f.getValue());
          return ResponseEntity.ok()
              .contentType(f.getKey())
              .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
              .body(out.toByteArray());
        }
      }
    }
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.NOT_ACCEPTABLE,
            "Ask for text/turtle, application/ld+json, application/n-triples, application/rdf+xml or text/html");
    return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
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

  /** A minimal page; the UI issue replaces it with the GOV.UK layout. */
  private static String html(String kind, String id, Graph g) {
    StringBuilder rows = new StringBuilder();
    g.find().toList().stream()
        .sorted(
            java.util.Comparator.comparing((Triple t) -> t.getSubject().toString())
                .thenComparing(t -> t.getPredicate().toString()))
        .forEach(
            t ->
                rows.append("<tr><td>")
                    .append(esc(PREFIXES.shortForm(t.getSubject().toString())))
                    .append("</td><td>")
                    .append(esc(PREFIXES.shortForm(t.getPredicate().getURI())))
                    .append("</td><td>")
                    .append(
                        esc(
                            t.getObject().isURI()
                                ? PREFIXES.shortForm(t.getObject().getURI())
                                : t.getObject().isLiteral()
                                    ? t.getObject().getLiteralLexicalForm()
                                    : t.getObject().toString()))
                    .append("</td></tr>\n"));
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + esc(kind + " " + id)
        + "</title></head><body><main><h1>"
        + esc(kind + " " + id)
        + "</h1><table><thead><tr><th scope=\"col\">Subject</th>"
        + "<th scope=\"col\">Property</th><th scope=\"col\">Value</th></tr></thead><tbody>\n"
        + rows
        + "</tbody></table></main></body></html>";
  }

  private static String esc(String s) {
    return HtmlUtils.htmlEscape(s);
  }
}
