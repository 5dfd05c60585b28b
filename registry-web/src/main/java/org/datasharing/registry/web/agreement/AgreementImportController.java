package org.datasharing.registry.web.agreement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.agreement.AgreementImport;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Imports an organisation's existing agreements from elsewhere, with their history. */
@RestController
@RequestMapping("/api/agreements/imports")
@Tag(name = "Agreements", description = "Data-sharing agreements, their versions and DPO decisions")
class AgreementImportController {
  private final AgreementImport imports;

  AgreementImportController(AgreementImport imports) {
    this.imports = imports;
  }

  @PostMapping(consumes = "application/trig")
  @ApiResponse(
      responseCode = "201",
      description =
          "The agreements imported (each at /api/agreements/{id}) and the events appended")
  @Operation(
      summary =
          "Import existing agreements with their history, all or nothing (registry administrators;"
              + " a DPO for agreements their organisation is party to)",
      description =
          "A TriG file, one graph per agreement named by its IRI, written as the sample agreements"
              + " are: each recorded step (drafting, submission, each party's decision with its"
              + " person, organisation and time, amendments, suspension or termination) is"
              + " replayed through the lifecycle at its recorded time, and each event is marked"
              + " imported (dsr:importedFrom, dsr:importedBy). A file with any problem, or a step"
              + " the lifecycle refuses, imports nothing: 422 naming each field. An identifier"
              + " the registry has is 409. Imported history notifies no one.")
  ResponseEntity<Object> importAgreements(
      @Parameter(
              description =
                  "Where the history was recorded (another register, a file), at most 200"
                      + " characters; each event carries it")
          @RequestParam(required = false)
          String source,
      HttpServletRequest request,
      Authentication auth)
      throws IOException {
    // read in full first (at most registry.api.max-body-bytes, else 413), so that a body cut off
    // at the limit is refused as too large, not parsed as a truncated file
    byte[] body = request.getInputStream().readAllBytes();
    Result<AgreementImport.Summary> r =
        imports.importHistory(Actors.of(auth), new ByteArrayInputStream(body), source);
    if (!r.ok()) {
      return Problems.problem(r);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, String>> agreements =
        r.value().agreements().stream()
            .map(id -> Map.of("id", id, "href", "/api/agreements/" + id))
            .toList();
    out.put("agreements", agreements);
    out.put("events", r.value().events());
    return ResponseEntity.status(HttpStatus.CREATED).body(out);
  }
}
