package org.datasharing.registry.web.catalog;

import java.net.URI;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.shared.PrefixMapping;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.datasharing.registry.web.platform.Negotiation;
import org.datasharing.registry.web.platform.RdfOutput;
import org.datasharing.registry.web.platform.RdfSyntax;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /catalog}: the public DCAT-AP catalogue for harvesters, signed out, in Turtle (default),
 * JSON-LD, RDF/XML or N-Triples by content negotiation, paged with {@code page} (from 1) and {@code
 * size}. A browser (asking for text/html first) gets a page listing the same datasets, each linking
 * to its page.
 */
@RestController
@PageController
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

  /** RDF first, so a harvester's wildcard still gets RDF; a page for browsers. */
  private static final List<MediaType> OFFERED =
      Stream.concat(RdfSyntax.MEDIA_TYPES.stream(), Stream.of(MediaType.TEXT_HTML)).toList();

  private final DcatCatalog dcat;
  private final OrganisationService organisations;

  /**
   * The registry's home, with a final slash: the parent of the instance IRI base ({@code /id/}).
   */
  private final String root;

  CatalogController(DcatCatalog dcat, Ids ids, OrganisationService organisations) {
    this.dcat = dcat;
    this.organisations = organisations;
    this.root = URI.create(ids.base()).resolve("../").toString();
  }

  @GetMapping({"/catalog", "/catalog/"})
  Object catalog(
      @RequestParam(defaultValue = "1") int page,
      @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size,
      @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "text/turtle") String accept) {
    InvalidParameter.within("page", page, 1, MAX_PAGE);
    InvalidParameter.within("size", size, 1, MAX_SIZE);
    Optional<MediaType> type = Negotiation.choose(accept, OFFERED, RdfSyntax.TURTLE.mediaType());
    if (type.isEmpty()) {
      return Negotiation.notAcceptable(OFFERED);
    }
    if (type.get().equals(MediaType.TEXT_HTML)) {
      return page();
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
    return RdfOutput.answer(g, type.get());
  }

  /** One line of the HTML catalogue. */
  record Entry(String id, String title, String description, String publisher) {}

  private ModelAndView page() {
    Map<String, String> names = new HashMap<>();
    organisations.list().forEach(o -> names.put(o.id(), o.name()));
    List<Entry> entries =
        dcat.visible().stream()
            .map(
                d ->
                    new Entry(
                        d.id(),
                        d.title(),
                        d.description() == null ? "" : d.description(),
                        names.getOrDefault(d.publisher(), d.publisher())))
            .sorted(Comparator.comparing(e -> e.title().toLowerCase(Locale.ROOT)))
            .toList();
    ModelAndView mav = new ModelAndView("catalog");
    mav.addObject("entries", entries);
    return mav;
  }
}
