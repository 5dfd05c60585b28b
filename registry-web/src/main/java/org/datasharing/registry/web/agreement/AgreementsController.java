package org.datasharing.registry.web.agreement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementListing;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.agreement.Incident;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/agreements")
@Tag(name = "Agreements", description = "Data-sharing agreements, their versions and DPO decisions")
class AgreementsController {
  private final AgreementService agreements;
  private final AgreementListing listing;

  AgreementsController(AgreementService agreements, AgreementListing listing) {
    this.agreements = agreements;
    this.listing = listing;
  }

  /** The text of an agreement version: fields by API name, and the parties. */
  record AgreementRequest(
      String id, Map<String, Object> fields, List<Map<String, Object>> parties) {
    AgreementContent content() {
      return new AgreementContent(fields, parties);
    }
  }

  /** A DPO's decision on a named version, naming the content hash of the text the DPO read. */
  record DecisionRequest(Integer version, String contentHash, String outcome, String reason) {}

  /** A senior officer's sign-off of their DPO's approval: the version and content hash read. */
  record SignOffRequest(Integer version, String contentHash) {}

  /**
   * A DPO's review decision on an agreement due for review: continue (with the next review date,
   * YYYY-MM-DD), amend, or end (with a reason).
   */
  record ReviewRequest(String outcome, String nextReviewDate, String reason) {}

  /**
   * An incident a party records: when it was discovered (ISO 8601 date and time with an offset),
   * what happened, its kind (confidentiality, integrity or availability), its severity
   * (risk-unlikely, risk or high-risk) and the data it affected.
   */
  record IncidentRequest(
      String discoveredAt, String description, String kind, String severity, String dataAffected) {}

  /**
   * What a party did with the data once the agreement ended: destroyed, returned or none-received,
   * with an optional statement (how, a certificate of destruction).
   */
  record DestructionRequest(String disposal, String statement) {}

  /** A reason for suspending, resuming or terminating. */
  record ReasonRequest(String reason) {}

  @GetMapping
  @Operation(
      summary = "Agreements the caller's organisation is party to (all, for auditors)",
      description =
          "Filters: status (repeatable or comma-separated, e.g. submitted, changes-requested),"
              + " organisation (party to the current version), purpose (code), q (words of the"
              + " title or identifier); sort: title, submitted or status, - before it for the"
              + " reverse order. An unknown value is 422 naming the parameter.")
  ResponseEntity<Object> list(
      @RequestParam(defaultValue = "") List<String> status,
      @RequestParam(defaultValue = "") String organisation,
      @RequestParam(defaultValue = "") String purpose,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "") String sort,
      Authentication auth) {
    return Problems.answer(
        listing.list(
            Actors.of(auth), new AgreementListing.Query(status, organisation, purpose, q, sort)));
  }

  @PostMapping
  @ApiResponse(responseCode = "201", description = "The draft, at Location")
  @Operation(summary = "Draft an agreement; the caller's organisation must be a party")
  ResponseEntity<Object> create(@RequestBody AgreementRequest body, Authentication auth) {
    return Problems.created(
        agreements.createDraft(Actors.of(auth), Optional.ofNullable(body.id()), body.content()),
        a -> "/api/agreements/" + a.id());
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "One agreement: status, parties, versions with hashes, decisions, current text")
  ResponseEntity<Object> get(@PathVariable String id, Authentication auth) {
    return Problems.answer(agreements.get(Actors.of(auth), id));
  }

  @PutMapping("/{id}")
  @Operation(summary = "Replace the text of the draft version")
  ResponseEntity<Object> update(
      @PathVariable String id, @RequestBody AgreementRequest body, Authentication auth) {
    return Problems.answer(agreements.updateDraft(Actors.of(auth), id, body.content()));
  }

  @PostMapping("/{id}/submit")
  @Operation(summary = "Submit the draft for approval; refused with every SHACL violation by field")
  ResponseEntity<Object> submit(@PathVariable String id, Authentication auth) {
    return Problems.answer(agreements.submit(Actors.of(auth), id));
  }

  @PostMapping("/{id}/withdraw")
  @Operation(
      summary =
          "Withdraw the submitted version before any decision (staff of the drafting organisation);"
              + " the agreement is a draft again")
  ResponseEntity<Object> withdraw(@PathVariable String id, Authentication auth) {
    return Problems.answer(agreements.withdraw(Actors.of(auth), id));
  }

  @DeleteMapping("/{id}")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @Operation(
      summary =
          "Delete a draft that was never submitted (staff of the drafting organisation); the audit"
              + " log keeps the deletion")
  ResponseEntity<Object> delete(@PathVariable String id, Authentication auth) {
    Result<String> deleted = agreements.delete(Actors.of(auth), id);
    return deleted.ok() ? ResponseEntity.noContent().build() : Problems.problem(deleted);
  }

  @PostMapping("/{id}/decisions")
  @ApiResponse(responseCode = "201", description = "The decision is recorded; the agreement")
  @Operation(
      summary =
          "Record the caller's organisation's decision (DPO) on the version and content hash it"
              + " read: approve, reject or request-changes; another hash is refused (409)")
  ResponseEntity<Object> decide(
      @PathVariable String id, @RequestBody DecisionRequest body, Authentication auth) {
    Reasons.check("reason", body.reason());
    if (body.version() == null) {
      return Problems.badRequest("version", "Name the version you decide on");
    }
    AgreementService.Outcome outcome;
    try {
      outcome =
          AgreementService.Outcome.valueOf(
              String.valueOf(body.outcome()).toUpperCase().replace('-', '_'));
    } catch (IllegalArgumentException e) {
      return Problems.badRequest("outcome", "Choose approve, reject or request-changes");
    }
    return Problems.answer(
        agreements.decide(
            Actors.of(auth),
            id,
            body.version(),
            body.contentHash(),
            outcome,
            Optional.ofNullable(body.reason())),
        HttpStatus.CREATED);
  }

  @PostMapping("/{id}/sign-offs")
  @ApiResponse(responseCode = "201", description = "The sign-off is recorded; the agreement")
  @Operation(
      summary =
          "Sign off the caller's organisation's approval (senior officer, where the organisation"
              + " requires sign-off) of the version and content hash its DPO approved; another"
              + " hash is refused (409); the approval counts from then on")
  ResponseEntity<Object> signOff(
      @PathVariable String id, @RequestBody SignOffRequest body, Authentication auth) {
    if (body.version() == null) {
      return Problems.invalid("version", "Name the version you sign off");
    }
    return Problems.answer(
        agreements.signOff(Actors.of(auth), id, body.version(), body.contentHash()),
        HttpStatus.CREATED);
  }

  @PostMapping("/{id}/reviews")
  @ApiResponse(responseCode = "201", description = "The review decision is recorded; the agreement")
  @Operation(
      summary =
          "Record the caller's organisation's review decision (DPO) on an agreement due for review:"
              + " continue (with nextReviewDate), amend, or end (with a reason; terminates it);"
              + " when every party continues, it is active again until the earliest date proposed")
  ResponseEntity<Object> review(
      @PathVariable String id, @RequestBody ReviewRequest body, Authentication auth) {
    Reasons.check("reason", body.reason());
    AgreementService.ReviewOutcome outcome;
    try {
      outcome =
          AgreementService.ReviewOutcome.valueOf(String.valueOf(body.outcome()).toUpperCase());
    } catch (IllegalArgumentException e) {
      return Problems.invalid("outcome", "Choose continue, amend or end");
    }
    Optional<LocalDate> next = Optional.empty();
    if (body.nextReviewDate() != null && !body.nextReviewDate().isBlank()) {
      try {
        next = Optional.of(LocalDate.parse(body.nextReviewDate().strip()));
      } catch (DateTimeParseException e) {
        return Problems.invalid(
            "nextReviewDate", "The next review date must be a date such as 2028-03-31");
      }
    }
    return Problems.answer(
        agreements.review(Actors.of(auth), id, outcome, next, Optional.ofNullable(body.reason())),
        HttpStatus.CREATED);
  }

  @PostMapping("/{id}/parties/{orgId}/withdrawal")
  @ApiResponse(responseCode = "201", description = "The notice is recorded; the agreement")
  @Operation(
      summary =
          "Give notice that the caller's organisation (DPO) leaves an agreement in force with three"
              + " or more parties (optional reason): a version without it goes to the remaining"
              + " parties for approval, and the version in force binds everyone meanwhile; with two"
              + " parties, 409 (terminate instead)")
  ResponseEntity<Object> leave(
      @PathVariable String id,
      @PathVariable String orgId,
      @RequestBody(required = false) ReasonRequest body,
      Authentication auth) {
    String reason = body == null ? null : body.reason();
    Reasons.check("reason", reason);
    return Problems.answer(
        agreements.leave(Actors.of(auth), id, orgId, Optional.ofNullable(reason)),
        HttpStatus.CREATED);
  }

  @PostMapping("/{id}/incidents")
  @Operation(
      summary =
          "Record a personal data breach or other incident affecting data shared under the"
              + " agreement (staff of a party to the version in force): audited, every party's DPO"
              + " is told, and the agreement shows the 72-hour deadline for reporting it to the ICO"
              + " from discovery (UK GDPR Article 33); 422 naming each bad field")
  ResponseEntity<Object> recordIncident(
      @PathVariable String id, @RequestBody IncidentRequest body, Authentication auth) {
    Instant discovered = null;
    if (body.discoveredAt() != null && !body.discoveredAt().isBlank()) {
      try {
        discovered = java.time.OffsetDateTime.parse(body.discoveredAt().strip()).toInstant();
      } catch (DateTimeParseException e) {
        return Problems.invalid(
            "discoveredAt",
            "Give the time of discovery as a date and time with its offset, such as"
                + " 2027-03-01T09:30:00Z");
      }
    }
    Incident.Kind kind = null;
    if (body.kind() != null) {
      kind = Incident.Kind.ofCode(body.kind().strip()).orElse(null);
      if (kind == null) {
        return Problems.invalid("kind", "Choose confidentiality, integrity or availability");
      }
    }
    Incident.Severity severity = null;
    if (body.severity() != null) {
      severity = Incident.Severity.ofCode(body.severity().strip()).orElse(null);
      if (severity == null) {
        return Problems.invalid("severity", "Choose risk-unlikely, risk or high-risk");
      }
    }
    return Problems.answer(
        agreements.recordIncident(
            Actors.of(auth),
            id,
            new Incident(discovered, body.description(), kind, severity, body.dataAffected())),
        HttpStatus.CREATED);
  }

  @PostMapping("/{id}/destruction")
  @Operation(
      summary =
          "Confirm, as a party's DPO once the agreement ended (terminated or expired), what your"
              + " organisation did with the data it received: destroyed, returned or none-received;"
              + " once per party, audited")
  ResponseEntity<Object> confirmDestruction(
      @PathVariable String id, @RequestBody DestructionRequest body, Authentication auth) {
    AgreementService.Disposal disposal = null;
    if (body.disposal() != null) {
      disposal = AgreementService.Disposal.ofCode(body.disposal().strip()).orElse(null);
      if (disposal == null) {
        return Problems.invalid("disposal", "Choose destroyed, returned or none-received");
      }
    }
    Reasons.check("statement", body.statement());
    return Problems.answer(
        agreements.confirmDestruction(
            Actors.of(auth), id, disposal, Optional.ofNullable(body.statement())),
        HttpStatus.CREATED);
  }

  @GetMapping("/{id}/versions")
  @Operation(summary = "The agreement's versions with their content hashes")
  ResponseEntity<Object> versions(@PathVariable String id, Authentication auth) {
    return Problems.answer(agreements.get(Actors.of(auth), id).map(AgreementView::versions));
  }

  @GetMapping("/{id}/versions/{number}")
  @Operation(summary = "The text of one version")
  ResponseEntity<Object> version(
      @PathVariable String id, @PathVariable int number, Authentication auth) {
    InvalidParameter.within("number", number, 1, Integer.MAX_VALUE);
    return Problems.answer(agreements.version(Actors.of(auth), id, number));
  }

  @GetMapping("/{id}/versions/diff")
  @Operation(summary = "What changed between two versions")
  ResponseEntity<Object> diff(
      @PathVariable String id, @RequestParam int from, @RequestParam int to, Authentication auth) {
    InvalidParameter.within("from", from, 1, Integer.MAX_VALUE);
    InvalidParameter.within("to", to, 1, Integer.MAX_VALUE);
    return Problems.answer(agreements.diff(Actors.of(auth), id, from, to));
  }

  /** The version in force at an instant, if any. */
  record InForce(String at, Integer version) {}

  @GetMapping("/{id}/versions/in-force")
  @Operation(summary = "The version in force at an instant (ISO-8601, e.g. 2027-03-01T00:00:00Z)")
  ResponseEntity<Object> inForce(
      @PathVariable String id, @RequestParam String at, Authentication auth) {
    Instant instant = InvalidParameter.instant("at", at);
    return Problems.answer(
        agreements
            .versionInForceAt(Actors.of(auth), id, instant)
            .map(v -> new InForce(at, v.orElse(null))));
  }

  @PostMapping("/{id}/suspend")
  @Operation(summary = "Suspend an active agreement (a party's DPO, with a reason)")
  ResponseEntity<Object> suspend(
      @PathVariable String id, @RequestBody ReasonRequest body, Authentication auth) {
    Reasons.check("reason", body.reason());
    return Problems.answer(agreements.suspend(Actors.of(auth), id, body.reason()));
  }

  @PostMapping("/{id}/resume")
  @Operation(summary = "Resume a suspended agreement (a party's DPO, with a reason)")
  ResponseEntity<Object> resume(
      @PathVariable String id, @RequestBody ReasonRequest body, Authentication auth) {
    Reasons.check("reason", body.reason());
    return Problems.answer(agreements.resume(Actors.of(auth), id, body.reason()));
  }

  @PostMapping("/{id}/terminate")
  @Operation(summary = "Terminate an agreement (a party's DPO, with a reason)")
  ResponseEntity<Object> terminate(
      @PathVariable String id, @RequestBody ReasonRequest body, Authentication auth) {
    Reasons.check("reason", body.reason());
    return Problems.answer(agreements.terminate(Actors.of(auth), id, body.reason()));
  }

  @PostMapping("/{id}/amend")
  @ApiResponse(responseCode = "201", description = "The new draft version; the agreement")
  @Operation(summary = "Start an amendment of an active agreement (a new draft version)")
  ResponseEntity<Object> amend(@PathVariable String id, Authentication auth) {
    return Problems.answer(agreements.amend(Actors.of(auth), id), HttpStatus.CREATED);
  }

  @PostMapping("/{id}/revise")
  @ApiResponse(responseCode = "201", description = "The new draft version; the agreement")
  @Operation(summary = "Start a new draft version after changes were requested")
  ResponseEntity<Object> revise(@PathVariable String id, Authentication auth) {
    return Problems.answer(agreements.revise(Actors.of(auth), id), HttpStatus.CREATED);
  }
}
