package org.datasharing.registry.web.sparql;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.sparql.SparqlProblem;
import org.datasharing.registry.web.platform.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The SPARQL endpoint's problems, built by {@link Problems}: each kind of refused query has its
 * documented type ({@code sparql-timeout}, {@code sparql-busy}, ...), with the parser's {@code
 * line} and {@code column} for syntax errors. The content type is fixed, so the problem goes out
 * whatever the request's {@code Accept} asked for.
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
        Problems.problem(
            status(problem.kind()),
            "sparql-" + problem.kind().name().toLowerCase().replace('_', '-'),
            problem.message(),
            QUERY_PROBLEMS.contains(problem.kind())
                ? List.of(new Violation("query", problem.message()))
                : List.of());
    problem.line().ifPresent(l -> p.setProperty("line", l));
    problem.column().ifPresent(c -> p.setProperty("column", c));
    if (problem.kind() == SparqlProblem.Kind.BUSY
        || problem.kind() == SparqlProblem.Kind.OVERLOADED) {
      long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
      return Problems.response(p).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(p);
    }
    if (problem.kind() == SparqlProblem.Kind.UNAVAILABLE) {
      // the store failed, as on every other call (ProblemAdvice): try again in a few seconds
      return Problems.response(p).header(HttpHeaders.RETRY_AFTER, "5").body(p);
    }
    return Problems.answer(p);
  }

  /** A problem with the request itself, naming the offending parameter (or {@code body}). */
  static ResponseEntity<Object> request(HttpStatus status, String field, String message) {
    return Problems.field(status, field, message);
  }
}
