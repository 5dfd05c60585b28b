package org.datasharing.registry.web.sparql;

import java.time.Duration;
import org.datasharing.registry.core.sparql.SparqlLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the SPARQL endpoint: {@code timeout} after which a query is cancelled, {@code
 * max-results} rows (SELECT) or triples (CONSTRUCT / DESCRIBE) an answer may hold, and {@code
 * max-request-size} of a request (the query text, or the whole body of a POST).
 */
@ConfigurationProperties("registry.sparql")
public record SparqlProperties(
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("10000") int maxResults,
    @DefaultValue("64KB") DataSize maxRequestSize) {

  SparqlLimits limits() {
    return new SparqlLimits(timeout, maxResults, Math.toIntExact(maxRequestSize.toBytes()));
  }
}
