package org.datasharing.registry.web.identity;

import java.util.List;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.Synced;
import org.datasharing.registry.web.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The admin API's problems, built by {@link Problems} like the rest of the API, plus the two
 * answers only onboarding has: Keycloak trouble (502/503) and "recorded, pending in Keycloak".
 */
final class AdminProblems {
  private AdminProblems() {}

  static ResponseEntity<Object> failure(Result<?> r) {
    return Problems.problem(r);
  }

  /** Keycloak failed while nothing was written: 503 no answer or not configured, else 502. */
  static ResponseEntity<Object> directory(DirectoryException e) {
    HttpStatus status = Problems.status(e.kind());
    String detail =
        e.kind() == DirectoryException.Kind.NO_ANSWER
            ? "Keycloak did not answer; nothing was changed, try again later"
            : e.getMessage();
    List<Violation> fields =
        e.field().map(f -> List.of(new Violation(f, e.getMessage()))).orElse(List.of());
    return Problems.answer(Problems.problem(status, detail, fields));
  }

  /** Recorded in the registry, pending in Keycloak: 503 (no answer) or 502, with the operation. */
  static ResponseEntity<Object> pending(Synced<?> s, String field, Object recorded) {
    HttpStatus status =
        s.failure().filter(k -> k == DirectoryException.Kind.NO_ANSWER).isPresent()
            ? HttpStatus.SERVICE_UNAVAILABLE
            : HttpStatus.BAD_GATEWAY;
    ProblemDetail p = Problems.problem(status, s.message(), List.of());
    p.setProperty("pendingOperation", s.pending().orElseThrow().id());
    p.setProperty(field, recorded);
    return Problems.answer(p);
  }
}
