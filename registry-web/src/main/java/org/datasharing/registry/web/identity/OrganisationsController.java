package org.datasharing.registry.web.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.web.platform.Problems;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/api/organisations")
@Tag(name = "Organisations", description = "Member organisations (W3C ORG)")
class OrganisationsController {
  private final OrganisationService organisations;

  OrganisationsController(OrganisationService organisations) {
    this.organisations = organisations;
  }

  @GetMapping
  @Operation(summary = "List member organisations")
  List<Organisation> list() {
    return organisations.list();
  }

  @GetMapping("/{id}")
  @Operation(summary = "One organisation")
  ResponseEntity<Object> get(@PathVariable String id) {
    return Problems.found(organisations.get(id), "No organisation " + id);
  }

  @PostMapping
  @ApiResponse(responseCode = "201", description = "The organisation, at Location")
  @Operation(summary = "Add an organisation (registry-admin)")
  ResponseEntity<Object> create(@RequestBody Organisation o, Authentication auth) {
    return Problems.created(
        organisations.create(Actors.of(auth), o), created -> "/api/organisations/" + o.id());
  }

  @PutMapping("/{id}")
  @Operation(summary = "Change an organisation (registry-admin or its DPO)")
  ResponseEntity<Object> update(
      @PathVariable String id, @RequestBody Organisation o, Authentication auth) {
    Optional<Organisation> withId = atPath(id, o);
    if (withId.isEmpty()) {
      return Problems.badRequest("id", ID_ELSEWHERE);
    }
    return Problems.answer(organisations.update(Actors.of(auth), withId.get()), HttpStatus.OK);
  }

  static final String ID_ELSEWHERE = "The body's id must match the path";

  /**
   * A changed organisation sent to {@code /{id}}: as sent, with the path's id; none where the body
   * names another.
   */
  static Optional<Organisation> atPath(String id, Organisation o) {
    if (o.id() != null && !o.id().equals(id)) {
      return Optional.empty();
    }
    return Optional.of(
        new Organisation(
            id,
            o.name(),
            o.type(),
            o.sector(),
            o.domain(),
            o.dpoName(),
            o.dpoEmail(),
            o.assurances()));
  }

  /** Whether the organisation's approvals need its senior officer's sign-off. */
  record SeniorSignOffSetting(Boolean required) {}

  @PutMapping("/{id}/senior-sign-off")
  @ApiResponse(responseCode = "200", description = "The setting as saved")
  @Operation(
      summary =
          "Say whether the organisation's approval of an agreement needs its senior officer's"
              + " sign-off after its DPO's approval (on: registry-admin or its own DPO; off:"
              + " registry-admin only; off by default)")
  ResponseEntity<Object> requireSeniorSignOff(
      @PathVariable String id, @RequestBody SeniorSignOffSetting body, Authentication auth) {
    if (body.required() == null) {
      return Problems.invalid("required", "Say true or false");
    }
    return Problems.answer(
        organisations
            .requireSeniorSignOff(Actors.of(auth), id, body.required())
            .map(r -> new SeniorSignOffSetting(r)),
        HttpStatus.OK);
  }

  @PutMapping("/{id}/assurances")
  @Operation(
      summary =
          "Record the organisation's assurance certificates, replacing those on record"
              + " (registry-admin or its own DPO; audited as RecordAssurance)")
  ResponseEntity<Object> recordAssurance(
      @PathVariable String id,
      @RequestBody List<Organisation.Assurance> assurances,
      Authentication auth) {
    return Problems.answer(
        organisations.recordAssurance(Actors.of(auth), id, assurances), HttpStatus.OK);
  }
}
