package org.datasharing.registry.web.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.datasharing.registry.core.audit.AuditSearch;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.LogVerifications;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.core.evidence.EvidenceBundle;
import org.datasharing.registry.web.platform.Csv;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "The tamper-evident audit log (auditors)")
class AuditController {
  private final AuditTrail auditTrail;
  private final EvidenceBundle evidence;
  private final Ids ids;
  private final LogVerifications verifications;

  AuditController(
      AuditTrail auditTrail, EvidenceBundle evidence, Ids ids, LogVerifications verifications) {
    this.auditTrail = auditTrail;
    this.evidence = evidence;
    this.ids = ids;
    this.verifications = verifications;
  }

  @GetMapping("/events")
  @Operation(
      summary =
          "Audit events, newest first; filtered by agreement, organisation (acted for), person (user"
              + " id), action and days from/to (inclusive, UTC). CSV by Accept: text/csv or"
              + " format=csv (every match, at most 10,000)")
  ResponseEntity<Object> events(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @RequestParam(required = false) String agreement,
      @RequestParam(required = false) String organisation,
      @RequestParam(required = false) String person,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, defaultValue = "application/json") String accept) {
    InvalidParameter.within("page", page, 0, Integer.MAX_VALUE);
    InvalidParameter.within("size", size, 1, 500);
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw new InvalidParameter("format", "format must be csv or json");
    }
    AuditSearch.Filter filter =
        AuditFilters.of(ids, agreement, organisation, person, action, from, to);
    boolean csv =
        "csv".equals(format) || (format == null && accept.toLowerCase().contains("text/csv"));
    if (csv) {
      Result<AuditTrail.Page> all = auditTrail.search(filter, 0, AuditSearch.MAX_EXPORT);
      if (!all.ok()) {
        return Problems.problem(all);
      }
      return Csv.download(
          ResponseEntity.ok().header(HttpHeaders.VARY, HttpHeaders.ACCEPT),
          "audit-events.csv",
          AuditCsv.of(all.value().events()));
    }
    if (filter.isEmpty()) {
      return ResponseEntity.ok(auditTrail.page(page, size));
    }
    return Problems.answer(auditTrail.search(filter, page, size));
  }

  @GetMapping("/verify")
  @Operation(
      summary =
          "Recompute every leaf hash and tree head from the store, answering when done (large"
              + " logs: start one in the background with POST /api/audit/verifications)")
  AuditTrail.Verification verify() {
    return auditTrail.verify();
  }

  @PostMapping("/verifications")
  @Operation(
      summary =
          "Start a verification of the whole log in the background (one at a time: while one"
              + " runs, this joins it); 202 with its progress. The result is kept as a VerifyLog"
              + " audit event in the caller's name")
  @ApiResponse(responseCode = "202", description = "Started (or joined); its progress")
  ResponseEntity<VerificationStatus> startVerification(Authentication auth) {
    verifications.start(Actors.of(auth));
    return ResponseEntity.accepted()
        .location(URI.create("/api/audit/verifications"))
        .body(VerificationStatus.of(verifications, auditTrail));
  }

  @GetMapping("/verifications")
  @Operation(
      summary =
          "The verification running now (events checked of the total) and the last one that"
              + " ended (result, duration, its audit event)")
  VerificationStatus verifications() {
    return VerificationStatus.of(verifications, auditTrail);
  }

  @GetMapping("/proofs/inclusion/{event}")
  @Operation(summary = "RFC 9162 inclusion proof of an event (its id, the last segment of its IRI)")
  ResponseEntity<Object> inclusion(@PathVariable String event) {
    if (!Slugs.isValid(event)) {
      return Problems.problem(Result.notFound("No audit event " + event));
    }
    return Problems.answer(auditTrail.inclusionProof(ids.auditEvent(event)));
  }

  @GetMapping("/evidence/{agreement}")
  @Operation(
      summary =
          "Evidence bundle of one agreement (ZIP: TriG graphs, JSON with inclusion proofs, summary)")
  ResponseEntity<Object> evidence(@PathVariable String agreement, Authentication auth) {
    Result<byte[]> zip = evidence.export(Actors.of(auth), agreement);
    if (!zip.ok()) {
      return Problems.problem(zip);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header("Content-Disposition", "attachment; filename=\"evidence-" + agreement + ".zip\"")
        .body(zip.value());
  }

  @GetMapping("/proofs/consistency")
  @Operation(summary = "RFC 9162 consistency proof between two tree sizes")
  ResponseEntity<Object> consistency(@RequestParam long from, @RequestParam long to) {
    InvalidParameter.within("from", from, 1, Long.MAX_VALUE);
    InvalidParameter.within("to", to, 1, Long.MAX_VALUE);
    return Problems.answer(auditTrail.consistencyProof(from, to));
  }
}
