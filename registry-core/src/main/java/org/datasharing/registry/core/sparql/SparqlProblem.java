package org.datasharing.registry.core.sparql;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/** Why a SPARQL request got no answer, in words for the person who sent it. */
public record SparqlProblem(Kind kind, String message, OptionalInt line, OptionalInt column) {

  /** The kinds of expected failure; the web layer maps each to one HTTP status. */
  public enum Kind {
    /** The text does not parse; line and column say where. */
    SYNTAX,
    /** Parses, but is not allowed here: an update, {@code LOAD}, {@code SERVICE}. */
    REFUSED,
    /** The request is larger than the configured cap. */
    TOO_LARGE,
    /** No result format the client accepts can carry this query form's answer. */
    NOT_ACCEPTABLE,
    /** The query ran past the timeout and was cancelled. */
    TIMEOUT,
    /** The answer has more results than the configured cap. */
    TOO_MANY_RESULTS,
    /** The endpoint cannot run queries over this kind of store. */
    UNAVAILABLE,
    /**
     * Parses, but is too complex to run safely here: nested too deeply, or a regular expression
     * that is too long, not a constant, or of a kind that can take exponential time.
     */
    TOO_COMPLEX,
    /**
     * While running, the query was about to build a string longer than the configured cap, or a
     * number with too many digits.
     */
    VALUE_TOO_LARGE,
    /** Too many queries are running (in total, or for this caller); try again shortly. */
    BUSY,
    /** The server is short of memory: running queries were stopped, new ones are refused. */
    OVERLOADED
  }

  public SparqlProblem {
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
    line = line == null ? OptionalInt.empty() : line;
    column = column == null ? OptionalInt.empty() : column;
  }

  static SparqlProblem of(Kind kind, String message) {
    return new SparqlProblem(kind, message, OptionalInt.empty(), OptionalInt.empty());
  }
}
