package org.datasharing.registry.web.catalog;

import java.net.URI;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.shared.PrefixMapping;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.datasharing.registry.web.platform.Negotiation;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.platform.RdfOutput;
import org.datasharing.registry.web.platform.RdfSyntax;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /catalog}: the public DCAT-AP catalogue for harvesters, signed out, in Turtle (default),
 * JSON-LD, RDF/XML or N-Triples by content negotiation, paged with {@code page} (from 1) and {@code
 * size}.
 */
@RestController
class CatalogController {
  static final int DEFAULT_SIZE = 100;
  static final int MAX_SIZE = 1000;

  /** Far beyond any real catalogue; keeps page arithmetic away from overflow. */
  static final int MAX_PAGE = 1_000_000;

  private static final PrefixMapping PREFIXES =
      PrefixMapping.Factory.create()
          .setNsPrefix("dcat", "http://www.w3.org/ns/dcat#")
          .setNsPrefix("dct", "http://purl.org/dc/terms/")
          .setNsPrefix("foaf", DcatCatalog.FOAF)
          .setNsPrefix("vcard", "http://www.w3.org/2006/vcard/ns#")
          .setNsPrefix("skos", "http://www.w3.org/2004/02/skos/core#")
          .setNsPrefix("hydra", DcatCatalog.HYDRA)
          .setNsPrefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#")
          .setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#")
          .lock();

  private final DcatCatalog dcat;

  /**
   * The registry's home, with a final slash: the parent of the instance IRI base ({@code /id/}).
   */
  private final String root;

  CatalogController(DcatCatalog dcat, Ids ids) {
    this.dcat = dcat;
    this.root = URI.create(ids.base()).resolve("../").toString();
  }

  @GetMapping({"/catalog", "/catalog/"})
  ResponseEntity<Object> catalog(
      @RequestParam(defaultValue = "1") int page,
      @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size,
      @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "text/turtle") String accept) {
    InvalidParameter.within("page", page, 1, MAX_PAGE);
    InvalidParameter.within("size", size, 1, MAX_SIZE);
    Optional<RdfSyntax> syntax = Negotiation.rdf(accept);
    if (syntax.isEmpty()) {
      return Problems.field(
          HttpStatus.NOT_ACCEPTABLE, "Accept", Negotiation.askFor(RdfSyntax.MEDIA_TYPES));
    }
    // from the configured base, never from the request's Host header
    String catalog = root + "catalog";
    DcatCatalog.Location at =
        new DcatCatalog.Location(
            catalog,
            root,
            n -> catalog + "?page=" + n + (size == DEFAULT_SIZE ? "" : "&size=" + size));
    Graph g = dcat.page(at, page, size);
    g.getPrefixMapping().setNsPrefixes(PREFIXES);
    return RdfOutput.answer(g, syntax.get());
  }
}
