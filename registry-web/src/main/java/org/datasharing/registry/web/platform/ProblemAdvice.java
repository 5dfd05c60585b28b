package org.datasharing.registry.web.platform;

import org.datasharing.registry.core.common.XmlText;
import org.datasharing.registry.core.store.DiskFull;
import org.datasharing.registry.core.store.StoreUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one {@code @RestControllerAdvice}: request errors and unexpected exceptions as problems from
 * {@link Problems}, naming each invalid field in {@code errors}; stack traces never reach a client.
 */
@RestControllerAdvice
class ProblemAdvice {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestSizeLimit.BodyTooLarge tooLarge) {
        return tooLarge(tooLarge);
      }
    }
    return Problems.badRequest("body", "The request body is not valid JSON for this operation");
  }

  /** The body went past {@code registry.api.max-body-bytes} while it was read. */
  @ExceptionHandler(RequestSizeLimit.BodyTooLarge.class)
  ResponseEntity<Object> tooLarge(RequestSizeLimit.BodyTooLarge e) {
    return Problems.field(HttpStatus.CONTENT_TOO_LARGE, "body", e.getMessage());
  }

  @ExceptionHandler(InvalidParameter.class)
  ResponseEntity<Object> invalidParameter(InvalidParameter e) {
    return Problems.invalid(e.parameter(), e.getMessage());
  }

  /** Text the store refused as a whole (the services name the field earlier where they can). */
  @ExceptionHandler(XmlText.IllegalText.class)
  ResponseEntity<Object> illegalText(XmlText.IllegalText e) {
    return Problems.invalid(e.field(), e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
    // the value is not echoed: it can be anything, of any length
    return Problems.invalid(
        e.getName(), "Give " + e.getName() + " as a " + typeName(e.getRequiredType()));
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
    return Problems.badRequest(
        e.getParameterName(), "The parameter " + e.getParameterName() + " is required");
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Object> illegal(IllegalArgumentException e) {
    // its message is the code's, not the client's: logged, never answered
    log.warn("request refused: {}", e.toString());
    return Problems.badRequest("request", "The request is not valid");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
    return Problems.of(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
    return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Object> notFound(NoResourceFoundException e) {
    return Problems.of(HttpStatus.NOT_FOUND, "No such resource");
  }

  /**
   * The store failed (I/O error, remote store down, aborted transaction): the store is consistent
   * and the caller may try again, so 503 rather than an internal error.
   */
  @ExceptionHandler(StoreUnavailable.class)
  ResponseEntity<Object> storeUnavailable(StoreUnavailable e) {
    log.warn("the store failed: {}", e.toString(), e.getCause());
    // a full disk is named: retrying is pointless until someone frees space
    boolean full = e.getCause() instanceof DiskFull;
    var p =
        Problems.problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            full
                ? "The disk holding the registry's store is full: nothing was changed; try again"
                    + " once space has been freed"
                : "The registry's store did not answer; try again in a few seconds",
            java.util.List.of());
    return Problems.response(p)
        .header(org.springframework.http.HttpHeaders.RETRY_AFTER, "5")
        .body(p);
  }

  /**
   * The firewall refuses a parameter name only when the controller reads the parameters (a name
   * with control or unassigned characters): the request's fault, so 400 like the firewall's other
   * refusals, not an internal error.
   */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<Object> rejected(RequestRejectedException e) {
    return Problems.badRequest(
        "parameters", "A parameter's name holds characters the registry does not accept");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    log.error("unexpected error", e);
    return Problems.of(
        HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; nothing was changed");
  }
}
