package org.datasharing.registry.web.sparql;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.sparql.SparqlProblem;
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
  private SparqlProblems() {}

  static HttpStatus status(SparqlProblem.Kind kind) {
    return switch (kind) {
      case SYNTAX, REFUSED -> HttpStatus.BAD_REQUEST;
      case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
      case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
      case TIMEOUT, UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
      case TOO_MANY_RESULTS -> HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }

  static ResponseEntity<Object> of(SparqlProblem problem) {
    ProblemDetail p =
        detail(
            status(problem.kind()),
            "sparql-" + problem.kind().name().toLowerCase().replace('_', '-'),
            problem.message());
    if (problem.kind() == SparqlProblem.Kind.SYNTAX
        || problem.kind() == SparqlProblem.Kind.REFUSED) {
      p.setProperty("errors", List.of(Map.of("field", "query", "message", problem.message())));
    }
    problem.line().ifPresent(l -> p.setProperty("line", l));
    problem.column().ifPresent(c -> p.setProperty("column", c));
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
