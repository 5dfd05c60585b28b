package org.datasharing.registry.web.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.identity.DirectoryException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one factory of the registry's RFC 9457 problems. Every problem has a {@code type} under
 * {@link #TYPES}: the status's name ({@code .../forbidden}, {@code .../unprocessable-content})
 * unless a caller documents a more specific slug (the SPARQL endpoint's {@code sparql-timeout},
 * ...), and every invalid field is named in {@code errors} as {@code {field, message}}. Controllers
 * answer with {@link #answer(ProblemDetail)}; filters and entry points, where no controller runs,
 * with {@link #write}.
 */
public final class Problems {
  /** Where problem types live; the slug follows. */
  public static final String TYPES = "https://w3id.org/dsr/problems/";

  private Problems() {}

  /** The type of a problem: {@link #TYPES} and the slug. */
  public static URI type(String slug) {
    return URI.create(TYPES + slug);
  }

  /** The slug of a status: its name in lower case, words joined by {@code -}. */
  public static String slug(HttpStatus status) {
    return status.name().toLowerCase().replace('_', '-');
  }

  /** The status a failed core result answers with. */
  public static HttpStatus status(Result.Failure failure) {
    return switch (failure) {
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }

  /**
   * The status for trouble with the identity provider: 503 when it did not answer or is not
   * configured (try later), 502 when it failed or refused the registry, else what it said.
   */
  public static HttpStatus status(DirectoryException.Kind kind) {
    return switch (kind) {
      case NO_ANSWER, NOT_CONFIGURED -> HttpStatus.SERVICE_UNAVAILABLE;
      case FAILED, ACCESS_DENIED -> HttpStatus.BAD_GATEWAY;
      case CONFLICT -> HttpStatus.CONFLICT;
      case REJECTED -> HttpStatus.UNPROCESSABLE_CONTENT;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
    };
  }

  /** A problem whose type is its status's. */
  public static ProblemDetail problem(
      HttpStatus status, String detail, List<Violation> violations) {
    return problem(status, slug(status), detail, violations);
  }

  /** A problem of a documented, more specific type. */
  public static ProblemDetail problem(
      HttpStatus status, String slug, String detail, List<Violation> violations) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(type(slug));
    p.setTitle(status.getReasonPhrase());
    if (!violations.isEmpty()) {
      p.setProperty(
          "errors",
          violations.stream()
              .map(v -> Map.of("field", v.field(), "message", v.message()))
              .toList());
    }
    return p;
  }

  /** The response for a problem, as {@code application/problem+json} whatever was accepted. */
  public static ResponseEntity<Object> answer(ProblemDetail p) {
    return response(p).body(p);
  }

  /** {@link #answer(ProblemDetail)} before its body, for a problem that adds headers. */
  public static ResponseEntity.BodyBuilder response(ProblemDetail p) {
    return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  /** The answer for a core result: the value, or its failure as a problem. */
  public static <T> ResponseEntity<Object> answer(Result<T> result, HttpStatus success) {
    if (result.ok()) {
      return ResponseEntity.status(success).body(result.value());
    }
    return problem(result);
  }

  public static <T> ResponseEntity<Object> answer(Result<T> result) {
    return answer(result, HttpStatus.OK);
  }

  /** 201 with the created value at the {@code location} made from it, or the failure's problem. */
  public static <T> ResponseEntity<Object> created(Result<T> result, Function<T, String> location) {
    if (result.ok()) {
      return ResponseEntity.created(URI.create(location.apply(result.value())))
          .body(result.value());
    }
    return problem(result);
  }

  /** 200 with the value, or 404 saying {@code missing}. */
  public static ResponseEntity<Object> found(Optional<?> value, String missing) {
    return value
        .<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> problem(Result.notFound(missing)));
  }

  /** A failed core result as a problem, with its violations. */
  public static ResponseEntity<Object> problem(Result<?> failure) {
    return answer(problem(status(failure.failure()), failure.message(), failure.violations()));
  }

  /** A problem with no field to name. */
  public static ResponseEntity<Object> of(HttpStatus status, String detail) {
    return answer(problem(status, detail, List.of()));
  }

  /** A problem naming one field (or parameter, or header) with what is wrong with it. */
  public static ResponseEntity<Object> field(HttpStatus status, String field, String message) {
    return answer(problem(status, message, List.of(new Violation(field, message))));
  }

  /** 400 naming one field. */
  public static ResponseEntity<Object> badRequest(String field, String message) {
    return field(HttpStatus.BAD_REQUEST, field, message);
  }

  /** 422 naming one field. */
  public static ResponseEntity<Object> invalid(String field, String message) {
    return field(HttpStatus.UNPROCESSABLE_CONTENT, field, message);
  }

  /**
   * Writes a problem from a filter or an entry point, where no controller (and so no message
   * converter) runs; {@code instance} is the request's path, as Spring MVC sets it for controllers.
   */
  public static void write(
      HttpServletRequest request, HttpServletResponse response, ProblemDetail p)
      throws IOException {
    if (p.getInstance() == null && request != null) {
      p.setInstance(URI.create(request.getRequestURI()));
    }
    response.setStatus(p.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(ProblemJson.of(p).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@link #write(HttpServletRequest, HttpServletResponse, ProblemDetail)} of a status's problem.
   */
  public static void write(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    write(request, response, problem(status, detail, List.of()));
  }
}
