package org.datasharing.registry.web.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.Onboarding;
import org.datasharing.registry.core.identity.Reconciliation;
import org.datasharing.registry.web.security.Actors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Differences between the registry and Keycloak, fixing them, and pending operations. */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "Onboarding")
class ReconciliationController {
  private final Reconciliation reconciliation;
  private final Onboarding onboarding;

  ReconciliationController(Reconciliation reconciliation, Onboarding onboarding) {
    this.reconciliation = reconciliation;
    this.onboarding = onboarding;
  }

  @GetMapping("/reconciliation")
  @Operation(summary = "Differences between the registry's organisations and Keycloak's")
  ResponseEntity<Object> report(Authentication auth) {
    var r = reconciliation.report(Actors.of(auth));
    return r.ok() ? ResponseEntity.ok(AdminViews.Report.of(r.value())) : AdminProblems.failure(r);
  }

  @PostMapping("/reconciliation/apply")
  @Operation(
      summary =
          "Fix the fixable differences (all, or those listed) and complete pending operations")
  ResponseEntity<Object> apply(
      @RequestBody(required = false) AdminViews.ApplyRequest body, Authentication auth) {
    Set<String> only =
        Set.copyOf(
            Optional.ofNullable(body).map(AdminViews.ApplyRequest::differences).orElse(List.of()));
    var r = reconciliation.apply(Actors.of(auth), only);
    return r.ok() ? ResponseEntity.ok(AdminViews.Applied.of(r.value())) : AdminProblems.failure(r);
  }

  @GetMapping("/pending-operations")
  @Operation(summary = "Operations recorded in the registry and still to be done in Keycloak")
  ResponseEntity<Object> pending(Authentication auth) {
    var r = onboarding.pending(Actors.of(auth));
    return r.ok()
        ? ResponseEntity.ok(r.value().stream().map(AdminViews.Pending::of).toList())
        : AdminProblems.failure(r);
  }

  @DeleteMapping("/pending-operations/{id}")
  @ApiResponse(responseCode = "204", description = "Given up")
  @Operation(summary = "Give up a pending operation (audited)")
  ResponseEntity<Object> discard(@PathVariable String id, Authentication auth) {
    var r = onboarding.discard(Actors.of(auth), id);
    return r.ok() ? ResponseEntity.noContent().build() : AdminProblems.failure(r);
  }

  @ExceptionHandler(DirectoryException.class)
  ResponseEntity<Object> directory(DirectoryException e) {
    return AdminProblems.directory(e);
  }
}
