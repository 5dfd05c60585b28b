package org.datasharing.registry.web.sparql;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datasharing.registry.core.sparql.SparqlProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem+json answers of the SPARQL endpoint, in the registry's shape ({@code type} under
 * {@code https://w3id.org/dsr/problems/}, invalid fields in {@code errors}), plus the parser's
 * {@code line} and {@code column} for syntax errors. The content type is fixed, so the problem goes
 * out whatever the request's {@code Accept} asked for.
 */
final class SparqlProblems {
  /** The problems that are the query's own fault, named as the {@code query} field. */
  private static final Set<SparqlProblem.Kind> QUERY_PROBLEMS =
      EnumSet.of(
          SparqlProblem.Kind.SYNTAX,
          SparqlProblem.Kind.REFUSED,
          SparqlProblem.Kind.TOO_COMPLEX,
          SparqlProblem.Kind.VALUE_TOO_LARGE);

  private SparqlProblems() {}

  static HttpStatus status(SparqlProblem.Kind kind) {
    return switch (kind) {
      case SYNTAX, REFUSED -> HttpStatus.BAD_REQUEST;
      case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
      case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
      case TIMEOUT, UNAVAILABLE, OVERLOADED -> HttpStatus.SERVICE_UNAVAILABLE;
      case TOO_MANY_RESULTS, TOO_COMPLEX, VALUE_TOO_LARGE -> HttpStatus.UNPROCESSABLE_CONTENT;
      case BUSY -> HttpStatus.TOO_MANY_REQUESTS;
    };
  }

  static ResponseEntity<Object> of(SparqlProblem problem) {
    return of(problem, Duration.ofSeconds(1));
  }

  /**
   * The problem; a {@code BUSY} or {@code OVERLOADED} one says when to retry ({@code Retry-After},
   * whole seconds).
   */
  static ResponseEntity<Object> of(SparqlProblem problem, Duration retryAfter) {
    ProblemDetail p =
        detail(
            status(problem.kind()),
            "sparql-" + problem.kind().name().toLowerCase().replace('_', '-'),
            problem.message());
    if (QUERY_PROBLEMS.contains(problem.kind())) {
      p.setProperty("errors", List.of(Map.of("field", "query", "message", problem.message())));
    }
    problem.line().ifPresent(l -> p.setProperty("line", l));
    problem.column().ifPresent(c -> p.setProperty("column", c));
    if (problem.kind() == SparqlProblem.Kind.BUSY
        || problem.kind() == SparqlProblem.Kind.OVERLOADED) {
      long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
      return ResponseEntity.status(p.getStatus())
          .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(p);
    }
    return entity(p);
  }

  /** A problem with the request itself, naming the offending parameter (or {@code body}). */
  static ResponseEntity<Object> request(HttpStatus status, String field, String message) {
    ProblemDetail p = detail(status, status.name().toLowerCase().replace('_', '-'), message);
    p.setProperty("errors", List.of(Map.of("field", field, "message", message)));
    return entity(p);
  }

  private static ProblemDetail detail(HttpStatus status, String type, String message) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, message);
    p.setType(URI.create("https://w3id.org/dsr/problems/" + type));
    return p;
  }

  private static ResponseEntity<Object> entity(ProblemDetail p) {
    return ResponseEntity.status(p.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }

  /** For the security filters, where no controller runs. */
  static void write(HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    String json =
        "{\"type\":\"https://w3id.org/dsr/problems/"
            + status.name().toLowerCase().replace('_', '-')
            + "\",\"title\":\""
            + status.getReasonPhrase()
            + "\",\"status\":"
            + status.value()
            + ",\"detail\":\""
            + detail.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}";
    response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
  }
}
