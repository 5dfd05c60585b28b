package org.datasharing.registry.core.common;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a domain operation: a value, or an expected failure the caller maps to an answer
 * (EDC's ServiceResult). Unexpected failures stay exceptions.
 */
public record Result<T>(T value, Failure failure, String message, List<Violation> violations) {

  /** The kinds of expected failure. */
  public enum Failure {
    NOT_FOUND,
    CONFLICT,
    INVALID,
    FORBIDDEN
  }

  public Result {
    violations = violations == null ? List.of() : List.copyOf(violations);
    if (failure == null) {
      Objects.requireNonNull(value, "a successful result needs a value");
    }
  }

  public static <T> Result<T> ok(T value) {
    return new Result<>(value, null, null, List.of());
  }

  public static <T> Result<T> notFound(String message) {
    return new Result<>(null, Failure.NOT_FOUND, message, List.of());
  }

  public static <T> Result<T> conflict(String message) {
    return new Result<>(null, Failure.CONFLICT, message, List.of());
  }

  public static <T> Result<T> forbidden(String message) {
    return new Result<>(null, Failure.FORBIDDEN, message, List.of());
  }

  public static <T> Result<T> invalid(String message, List<Violation> violations) {
    return new Result<>(null, Failure.INVALID, message, violations);
  }

  public static <T> Result<T> invalid(Violation violation) {
    return invalid(violation.message(), List.of(violation));
  }

  public boolean ok() {
    return failure == null;
  }

  /** Re-types a failure so it can be passed on. */
  @SuppressWarnings("unchecked")
  public <U> Result<U> asFailure() {
    if (ok()) {
      throw new IllegalStateException("not a failure");
    }
    return (Result<U>) this;
  }

  public <U> Result<U> map(Function<T, U> f) {
    return ok() ? Result.ok(f.apply(value)) : asFailure();
  }

  public <U> Result<U> flatMap(Function<T, Result<U>> f) {
    return ok() ? f.apply(value) : asFailure();
  }

  /** The value, or an exception for callers that have already checked. */
  public T orElseThrow() {
    if (!ok()) {
      throw new IllegalStateException(failure + ": " + message);
    }
    return value;
  }
}
