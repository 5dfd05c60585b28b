package org.datasharing.registry.core.sparql;

import java.time.Duration;

/**
 * What one SPARQL request may cost: how long it may run (the query is cancelled, not abandoned),
 * how many results it may return (rows for SELECT, triples for CONSTRUCT / DESCRIBE) and how long
 * its text may be.
 */
public record SparqlLimits(Duration timeout, int maxResults, int maxQueryBytes) {

  /** The defaults: 10 s, 10,000 results, 64 KB of query text. */
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
  }
}
