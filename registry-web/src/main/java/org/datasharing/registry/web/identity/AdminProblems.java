package org.datasharing.registry.web.identity;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.Synced;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 answers of the admin API, in the same form as the rest of the API (type {@code
 * https://w3id.org/dsr/problems/...}, an {@code errors} list naming fields), plus the two answers
 * only onboarding has: Keycloak trouble (502/503) and "recorded, pending in Keycloak".
 */
final class AdminProblems {
  private AdminProblems() {}

  static ResponseEntity<Object> failure(Result<?> r) {
    HttpStatus status =
        switch (r.failure()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case CONFLICT -> HttpStatus.CONFLICT;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    return answer(problem(status, r.message(), r.violations()));
  }

  /** Keycloak failed while nothing was written: 503 no answer or not configured, else 502. */
  static ResponseEntity<Object> directory(DirectoryException e) {
    HttpStatus status =
        switch (e.kind()) {
          case NO_ANSWER, NOT_CONFIGURED -> HttpStatus.SERVICE_UNAVAILABLE;
          case FAILED, ACCESS_DENIED -> HttpStatus.BAD_GATEWAY;
          case CONFLICT -> HttpStatus.CONFLICT;
          case REJECTED -> HttpStatus.UNPROCESSABLE_CONTENT;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
    String detail =
        e.kind() == DirectoryException.Kind.NO_ANSWER
            ? "Keycloak did not answer; nothing was changed, try again later"
            : e.getMessage();
    List<Violation> fields =
        e.field().map(f -> List.of(new Violation(f, e.getMessage()))).orElse(List.of());
    return answer(problem(status, detail, fields));
  }

  /** Recorded in the registry, pending in Keycloak: 503 (no answer) or 502, with the operation. */
  static ResponseEntity<Object> pending(Synced<?> s, String field, Object recorded) {
    HttpStatus status =
        s.failure().filter(k -> k == DirectoryException.Kind.NO_ANSWER).isPresent()
            ? HttpStatus.SERVICE_UNAVAILABLE
            : HttpStatus.BAD_GATEWAY;
    ProblemDetail p = problem(status, s.message(), List.of());
    p.setProperty("pendingOperation", s.pending().orElseThrow().id());
    p.setProperty(field, recorded);
    return answer(p);
  }

  static ProblemDetail problem(HttpStatus status, String detail, List<Violation> violations) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(
        URI.create(
            "https://w3id.org/dsr/problems/" + status.name().toLowerCase().replace('_', '-')));
    if (!violations.isEmpty()) {
      p.setProperty(
          "errors",
          violations.stream()
              .map(v -> Map.of("field", v.field(), "message", v.message()))
              .toList());
    }
    return p;
  }

  private static ResponseEntity<Object> answer(ProblemDetail p) {
    return ResponseEntity.status(p.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }
}
