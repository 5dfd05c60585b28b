package org.datasharing.registry.web.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Optional;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.MemberAdded;
import org.datasharing.registry.core.identity.NewMember;
import org.datasharing.registry.core.identity.Onboarding;
import org.datasharing.registry.core.identity.Synced;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Onboarding organisations and their people in the registry and Keycloak (registry-admin). */
@RestController
@RequestMapping("/api/admin/organisations")
@Tag(name = "Onboarding", description = "Organisations and members, kept in step with Keycloak")
class OnboardingController {
  private final Onboarding onboarding;

  OnboardingController(Onboarding onboarding) {
    this.onboarding = onboarding;
  }

  @PostMapping
  @ApiResponse(responseCode = "201", description = "Onboarded in the registry and in Keycloak")
  @Operation(summary = "Onboard an organisation in the registry and as a Keycloak organisation")
  ResponseEntity<Object> onboard(@RequestBody Organisation o, Authentication auth) {
    Result<Synced<Organisation>> r = onboarding.onboardOrganisation(Actors.of(auth), o);
    if (!r.ok()) {
      return AdminProblems.failure(r);
    }
    Organisation org = r.value().value();
    if (!r.value().done()) {
      return AdminProblems.pending(r.value(), "organisation", org);
    }
    return ResponseEntity.created(URI.create("/api/organisations/" + org.id()))
        .body(new AdminViews.Onboarded(org, "synced", r.value().message()));
  }

  @PutMapping("/{id}")
  @Operation(summary = "Change an organisation in the registry and its name and domain in Keycloak")
  ResponseEntity<Object> update(
      @PathVariable String id, @RequestBody Organisation o, Authentication auth) {
    Optional<Organisation> withId = OrganisationsController.atPath(id, o);
    if (withId.isEmpty()) {
      return AdminProblems.failure(
          Result.invalid(
              new org.datasharing.registry.core.common.Violation(
                  "id", OrganisationsController.ID_ELSEWHERE)));
    }
    Result<Synced<Organisation>> r = onboarding.updateOrganisation(Actors.of(auth), withId.get());
    if (!r.ok()) {
      return AdminProblems.failure(r);
    }
    if (!r.value().done()) {
      return AdminProblems.pending(r.value(), "organisation", r.value().value());
    }
    return ResponseEntity.ok(
        new AdminViews.Onboarded(r.value().value(), "synced", r.value().message()));
  }

  @GetMapping("/{id}/members")
  @Operation(summary = "The organisation's members in Keycloak, with their roles")
  ResponseEntity<Object> members(@PathVariable String id, Authentication auth) {
    var r = onboarding.members(Actors.of(auth), id);
    return r.ok()
        ? ResponseEntity.ok(r.value().stream().map(AdminViews.Member::of).toList())
        : AdminProblems.failure(r);
  }

  @PostMapping("/{id}/members")
  @ApiResponse(responseCode = "201", description = "The member, in Keycloak")
  @Operation(
      summary = "Add a DPO or partner: create or link the Keycloak user, grant the role, add them")
  ResponseEntity<Object> addMember(
      @PathVariable String id, @RequestBody NewMember m, Authentication auth) {
    Result<Synced<MemberAdded>> r = onboarding.addMember(Actors.of(auth), id, m);
    if (!r.ok()) {
      return AdminProblems.failure(r);
    }
    AdminViews.Added added = AdminViews.Added.of(r.value().value());
    if (!r.value().done()) {
      return AdminProblems.pending(r.value(), "member", added);
    }
    return ResponseEntity.created(
            URI.create("/api/admin/organisations/" + id + "/members/" + added.username()))
        .body(added);
  }

  @DeleteMapping("/{id}/members/{username}")
  @Operation(summary = "Remove a member and their roles (not the last DPO while agreements bind)")
  ResponseEntity<Object> removeMember(
      @PathVariable String id, @PathVariable String username, Authentication auth) {
    Result<Synced<String>> r = onboarding.removeMember(Actors.of(auth), id, username);
    if (!r.ok()) {
      return AdminProblems.failure(r);
    }
    if (!r.value().done()) {
      return AdminProblems.pending(r.value(), "username", r.value().value());
    }
    return ResponseEntity.ok(new AdminViews.Removed(id, r.value().value(), r.value().message()));
  }

  @ExceptionHandler(DirectoryException.class)
  ResponseEntity<Object> directory(DirectoryException e) {
    return AdminProblems.directory(e);
  }
}
