package org.datasharing.registry.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.core.evidence.EvidenceBundle;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

  AuditController(AuditTrail auditTrail, EvidenceBundle evidence, Ids ids) {
    this.auditTrail = auditTrail;
    this.evidence = evidence;
    this.ids = ids;
  }

  @GetMapping("/events")
  @Operation(summary = "Audit events, newest first")
  ResponseEntity<Object> events(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    InvalidParameter.within("page", page, 0, Integer.MAX_VALUE);
    InvalidParameter.within("size", size, 1, 500);
    return ResponseEntity.ok(auditTrail.page(page, size));
  }

  @GetMapping("/verify")
  @Operation(summary = "Recompute every leaf hash and tree head from the store")
  AuditTrail.Verification verify() {
    return auditTrail.verify();
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
