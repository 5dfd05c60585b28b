package org.datasharing.registry.core.sparql;

/**
 * A value, or the {@link SparqlProblem} that stopped it. The SPARQL failures (syntax, refusal,
 * timeout, caps) do not fit the domain's {@code Result} kinds, so they get their own.
 */
public record SparqlOutcome<T>(T value, SparqlProblem problem) {

  public SparqlOutcome {
    if ((value == null) == (problem == null)) {
      throw new IllegalArgumentException("exactly one of value and problem");
    }
  }

  public static <T> SparqlOutcome<T> ok(T value) {
    return new SparqlOutcome<>(value, null);
  }

  public static <T> SparqlOutcome<T> failed(SparqlProblem problem) {
    return new SparqlOutcome<>(null, problem);
  }

  static <T> SparqlOutcome<T> failed(SparqlProblem.Kind kind, String message) {
    return failed(SparqlProblem.of(kind, message));
  }

  public boolean ok() {
    return problem == null;
  }

  /** Re-types a failure so it can be passed on. */
  @SuppressWarnings("unchecked")
  <U> SparqlOutcome<U> asFailure() {
    if (ok()) {
      throw new IllegalStateException("not a failure");
    }
    return (SparqlOutcome<U>) this;
  }

  /** The value, for callers that have already checked. */
  public T orElseThrow() {
    if (!ok()) {
      throw new IllegalStateException(problem.kind() + ": " + problem.message());
    }
    return value;
  }
}
