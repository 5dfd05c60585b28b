package org.datasharing.registry.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/datasets")
@Tag(name = "Datasets", description = "The dataset catalogue (DCAT 3)")
class DatasetsController {
  private final Registry registry;

  DatasetsController(Registry registry) {
    this.registry = registry;
  }

  @GetMapping
  @Operation(summary = "List the datasets the caller may see (hidden ones only to their publisher)")
  List<Dataset> list(Authentication auth) {
    return registry.catalog().list(Actors.of(auth));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One dataset")
  ResponseEntity<Object> get(@PathVariable String id, Authentication auth) {
    return registry
        .catalog()
        .get(Actors.of(auth), id)
        .<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> Problems.problem(Result.notFound("No dataset " + id)));
  }

  @PostMapping
  @Operation(summary = "Record a dataset (staff of its publisher)")
  ResponseEntity<Object> create(@RequestBody Dataset d, Authentication auth) {
    Result<Dataset> r = registry.catalog().create(Actors.of(auth), d);
    return r.ok()
        ? ResponseEntity.created(URI.create("/api/datasets/" + d.id())).body(r.value())
        : Problems.problem(r);
  }

  @PutMapping("/{id}")
  @Operation(summary = "Change a dataset (staff of its publisher)")
  ResponseEntity<Object> update(
      @PathVariable String id, @RequestBody Dataset d, Authentication auth) {
    if (d.id() != null && !d.id().equals(id)) {
      return Problems.badRequest("id", "The body's id must match the path");
    }
    return Problems.answer(registry.catalog().update(Actors.of(auth), d));
  }
}
