package org.datasharing.registry.core.sparql;

import java.time.Duration;

/**
 * What one SPARQL request may cost: how long it may run (the query is cancelled, not abandoned),
 * how many results it may return (rows for SELECT, triples for CONSTRUCT / DESCRIBE), how long its
 * text may be, how deeply it may nest, how long a regular expression in it may be, how long a
 * string it builds may grow, and how many queries may run at once in total and per caller.
 */
public record SparqlLimits(
    Duration timeout,
    int maxResults,
    int maxQueryBytes,
    int maxDepth,
    int maxRegexLength,
    int maxStringLength,
    int maxConcurrent,
    int maxConcurrentPerCaller) {

  /** The default nesting depth: brackets, and operators or expressions inside one another. */
  public static final int DEFAULT_MAX_DEPTH = 64;

  /** The default longest regular expression in REGEX or REPLACE, in characters. */
  public static final int DEFAULT_MAX_REGEX_LENGTH = 256;

  /** The default longest string a query may build (CONCAT, REPLACE, GROUP_CONCAT...). */
  public static final int DEFAULT_MAX_STRING_LENGTH = 1_000_000;

  /** The default number of queries running at once, in total and per caller. */
  public static final int DEFAULT_MAX_CONCURRENT = 4;

  public static final int DEFAULT_MAX_CONCURRENT_PER_CALLER = 2;

  /** The defaults: 10 s, 10,000 results, 64 KB of query text, and the defaults above. */
  public static final SparqlLimits DEFAULTS =
      new SparqlLimits(Duration.ofSeconds(10), 10_000, 65_536);

  public SparqlLimits {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the SPARQL timeout must be positive");
    }
    if (maxResults < 1) {
      throw new IllegalArgumentException("the SPARQL result cap must be at least 1");
    }
    if (maxQueryBytes < 1) {
      throw new IllegalArgumentException("the SPARQL request size cap must be at least 1 byte");
    }
    if (maxDepth < 4) {
      throw new IllegalArgumentException("the SPARQL nesting depth cap must be at least 4");
    }
    if (maxRegexLength < 1) {
      throw new IllegalArgumentException("the SPARQL regex length cap must be at least 1");
    }
    if (maxStringLength < 1) {
      throw new IllegalArgumentException("the SPARQL string length cap must be at least 1");
    }
    if (maxConcurrent < 1 || maxConcurrentPerCaller < 1) {
      throw new IllegalArgumentException("the SPARQL concurrency caps must be at least 1");
    }
  }

  /** The given timeout and caps, the other limits at their defaults. */
  public SparqlLimits(Duration timeout, int maxResults, int maxQueryBytes) {
    this(
        timeout,
        maxResults,
        maxQueryBytes,
        DEFAULT_MAX_DEPTH,
        DEFAULT_MAX_REGEX_LENGTH,
        DEFAULT_MAX_STRING_LENGTH,
        DEFAULT_MAX_CONCURRENT,
        DEFAULT_MAX_CONCURRENT_PER_CALLER);
  }

  public SparqlLimits withTimeout(Duration timeout) {
    return new SparqlLimits(
        timeout,
        maxResults,
        maxQueryBytes,
        maxDepth,
        maxRegexLength,
        maxStringLength,
        maxConcurrent,
        maxConcurrentPerCaller);
  }

  public SparqlLimits withStringLength(int maxStringLength) {
    return new SparqlLimits(
        timeout,
        maxResults,
        maxQueryBytes,
        maxDepth,
        maxRegexLength,
        maxStringLength,
        maxConcurrent,
        maxConcurrentPerCaller);
  }

  public SparqlLimits withConcurrency(int maxConcurrent, int maxConcurrentPerCaller) {
    return new SparqlLimits(
        timeout,
        maxResults,
        maxQueryBytes,
        maxDepth,
        maxRegexLength,
        maxStringLength,
        maxConcurrent,
        maxConcurrentPerCaller);
  }
}
