package org.datasharing.registry.web.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.datasharing.registry.core.access.AccessRequests;
import org.datasharing.registry.core.catalog.CatalogImport;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.search.CatalogSearch;
import org.datasharing.registry.core.search.SearchRequest;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/datasets")
@Tag(name = "Datasets", description = "The dataset catalogue (DCAT 3)")
class DatasetsController {
  private final CatalogService catalog;
  private final CatalogImport catalogImport;
  private final CatalogSearch search;
  private final AccessRequests accessRequests;

  DatasetsController(
      CatalogService catalog,
      CatalogImport catalogImport,
      CatalogSearch search,
      AccessRequests accessRequests) {
    this.catalog = catalog;
    this.catalogImport = catalogImport;
    this.search = search;
    this.accessRequests = accessRequests;
  }

  @GetMapping
  @Operation(
      summary = "Search the datasets the caller may see (hidden ones only to their publisher)",
      description =
          "Full-text search over title, keywords and description (Lucene syntax: words, \"phrases\","
              + " AND, OR, NOT, trailing * wildcards), ranked, paged, with exact counts per facet"
              + " value. Facet parameters, repeatable (OR within a facet, AND across facets):"
              + " publisher, sector, theme, personalDataCategory, specialCategoryData (true/false),"
              + " sharingCondition, requiredAssurance. Unknown parameters or values: 422.")
  ResponseEntity<Object> search(
      @Parameter(description = "search text, at most 500 characters")
          @RequestParam(required = false)
          String q,
      @Parameter(description = "page number from 1") @RequestParam(defaultValue = "1") int page,
      @Parameter(description = "page size, 1 to 100") @RequestParam(defaultValue = "20") int size,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
      Authentication auth) {
    Map<String, List<String>> facets = new LinkedHashMap<>(parameters);
    facets.keySet().removeAll(List.of("q", "page", "size"));
    return Problems.answer(
        search.search(Actors.of(auth), new SearchRequest(q, facets, page, size)));
  }

  @PostMapping("/{id}/access-requests")
  @ApiResponse(responseCode = "201", description = "The draft agreement, at Location")
  @Operation(
      summary = "Request access to a dataset for a purpose",
      description =
          "Creates a draft agreement between the caller's organisation and the publisher, pre-filled"
              + " from the dataset; answers 201 with its Location.")
  ResponseEntity<Object> requestAccess(
      @PathVariable String id,
      @RequestBody AccessRequests.AccessRequest request,
      Authentication auth) {
    return Problems.created(
        accessRequests.request(Actors.of(auth), id, request), a -> "/api/agreements/" + a.id());
  }

  @PostMapping(
      value = "/import",
      consumes = {"text/turtle", "application/ld+json", "application/trig"})
  @Operation(
      summary = "Import a DCAT catalogue file, all or nothing (registry administrators, DPOs)",
      description =
          "Answers a summary (created, updated, the datasets); a file with any error imports"
              + " nothing and each problem is named in the 422 problem's errors.")
  ResponseEntity<Object> importCatalogue(
      @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
      HttpServletRequest request,
      Authentication auth)
      throws IOException {
    MediaType type = MediaType.parseMediaType(contentType);
    Lang lang = RDFLanguages.contentTypeToLang(type.getType() + "/" + type.getSubtype());
    // read in full first (at most registry.api.max-body-bytes, else 413), so that a body cut
    // off at the limit is refused as too large, not parsed as a truncated file
    byte[] body = request.getInputStream().readAllBytes();
    return Problems.answer(
        catalogImport.importFile(Actors.of(auth), new java.io.ByteArrayInputStream(body), lang));
  }

  @PostMapping("/search-index")
  @Operation(summary = "Rebuild the dataset search index from the store (registry administrators)")
  ResponseEntity<Object> rebuildIndex(Authentication auth) {
    return Problems.answer(search.rebuild(Actors.of(auth)));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One dataset")
  ResponseEntity<Object> get(@PathVariable String id, Authentication auth) {
    return Problems.found(catalog.get(Actors.of(auth), id), "No dataset " + id);
  }

  @PostMapping
  @ApiResponse(responseCode = "201", description = "The dataset, at Location")
  @Operation(summary = "Record a dataset (staff of its publisher)")
  ResponseEntity<Object> create(@RequestBody Dataset d, Authentication auth) {
    return Problems.created(
        catalog.create(Actors.of(auth), d), created -> "/api/datasets/" + d.id());
  }

  @PutMapping("/{id}")
  @Operation(summary = "Change a dataset (staff of its publisher)")
  ResponseEntity<Object> update(
      @PathVariable String id, @RequestBody Dataset d, Authentication auth) {
    if (d.id() != null && !d.id().equals(id)) {
      return Problems.badRequest("id", "The body's id must match the path");
    }
    return Problems.answer(catalog.update(Actors.of(auth), d));
  }
}
