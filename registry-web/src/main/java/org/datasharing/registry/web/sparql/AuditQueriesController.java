package org.datasharing.registry.web.sparql;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.datasharing.registry.core.sparql.QueryPack;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The auditors' query pack, to run at {@code /sparql} (auditors only, as all of /api/audit). */
@RestController
@RequestMapping("/api/audit/queries")
@Tag(name = "Audit", description = "The tamper-evident audit log (auditors)")
class AuditQueriesController {
  private final QueryPack pack;

  AuditQueriesController(QueryPack pack) {
    this.pack = pack;
  }

  /** One query of the pack, as listed. */
  record PackQuery(
      String name,
      String title,
      String description,
      List<QueryPack.Parameter> parameters,
      String query,
      String href) {}

  @GetMapping
  @Operation(summary = "The auditors' SPARQL query pack: what each query answers, and its text")
  List<PackQuery> list() {
    return pack.entries().stream()
        .map(
            e ->
                new PackQuery(
                    e.name(),
                    e.title(),
                    e.description(),
                    e.parameters(),
                    e.text(),
                    "/api/audit/queries/" + e.name()))
        .toList();
  }

  @GetMapping("/{name}")
  @Operation(summary = "One query of the pack, as application/sparql-query")
  ResponseEntity<Object> one(@PathVariable String name) {
    return pack.entry(name)
        .<ResponseEntity<Object>>map(
            e ->
                ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/sparql-query"))
                    .body(e.text()))
        .orElseGet(
            () ->
                SparqlProblems.request(
                    HttpStatus.NOT_FOUND, "name", "The query pack has no query " + name));
  }
}
