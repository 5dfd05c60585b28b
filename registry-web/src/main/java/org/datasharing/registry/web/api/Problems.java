package org.datasharing.registry.web.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.common.XmlText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place that turns core results and request errors into RFC 9457 problem+json, naming each
 * invalid field in {@code errors}; stack traces never reach a client.
 */
@RestControllerAdvice
class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  /** The answer for a core result: the value, or its failure as a problem. */
  static <T> ResponseEntity<Object> answer(Result<T> result, HttpStatus success) {
    if (result.ok()) {
      return ResponseEntity.status(success).body(result.value());
    }
    return problem(result);
  }

  static <T> ResponseEntity<Object> answer(Result<T> result) {
    return answer(result, HttpStatus.OK);
  }

  static ResponseEntity<Object> problem(Result<?> failure) {
    HttpStatus status =
        switch (failure.failure()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case CONFLICT -> HttpStatus.CONFLICT;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    return ResponseEntity.status(status)
        .body(problem(status, failure.message(), failure.violations()));
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

  static ResponseEntity<Object> badRequest(String field, String message) {
    return ResponseEntity.badRequest()
        .body(problem(HttpStatus.BAD_REQUEST, message, List.of(new Violation(field, message))));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestSizeLimit.BodyTooLarge tooLarge) {
        return tooLarge(tooLarge);
      }
    }
    return badRequest("body", "The request body is not valid JSON for this operation");
  }

  /** The body went past {@code registry.api.max-body-bytes} while it was read. */
  @ExceptionHandler(RequestSizeLimit.BodyTooLarge.class)
  ResponseEntity<Object> tooLarge(RequestSizeLimit.BodyTooLarge e) {
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
        .body(
            problem(
                HttpStatus.CONTENT_TOO_LARGE,
                e.getMessage(),
                List.of(new Violation("body", e.getMessage()))));
  }

  /** 422 naming one parameter (or field) with what is wrong with it. */
  static ResponseEntity<Object> invalid(String field, String message) {
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
        .body(
            problem(
                HttpStatus.UNPROCESSABLE_CONTENT, message, List.of(new Violation(field, message))));
  }

  @ExceptionHandler(InvalidParameter.class)
  ResponseEntity<Object> invalidParameter(InvalidParameter e) {
    return invalid(e.parameter(), e.getMessage());
  }

  /** Text the store refused as a whole (the services name the field earlier where they can). */
  @ExceptionHandler(XmlText.IllegalText.class)
  ResponseEntity<Object> illegalText(XmlText.IllegalText e) {
    return invalid(e.field(), e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
    // the value is not echoed: it can be anything, of any length
    return invalid(e.getName(), "Give " + e.getName() + " as a " + typeName(e.getRequiredType()));
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "valid value";
    }
    return switch (type.getSimpleName()) {
      case "int", "Integer", "long", "Long" -> "whole number";
      case "boolean", "Boolean" -> "true or false";
      default -> "valid value";
    };
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Object> missing(MissingServletRequestParameterException e) {
    return badRequest(
        e.getParameterName(), "The parameter " + e.getParameterName() + " is required");
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Object> illegal(IllegalArgumentException e) {
    // its message is the code's, not the client's: logged, never answered
    log.warn("request refused: {}", e.toString());
    return badRequest("request", "The request is not valid");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .body(problem(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage(), List.of()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json", List.of()));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Object> notFound(NoResourceFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(problem(HttpStatus.NOT_FOUND, "No such resource", List.of()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    log.error("unexpected error", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(
            problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was changed",
                List.of()));
  }
}
