package org.datasharing.registry.web.sparql;

import java.time.Duration;
import org.datasharing.registry.core.sparql.SparqlLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the SPARQL endpoint: {@code timeout} after which a query is cancelled, {@code
 * max-results} rows (SELECT) or triples (CONSTRUCT / DESCRIBE) an answer may hold, {@code
 * max-request-size} of a request (the query text, or the whole body of a POST), {@code max-depth}
 * of nesting, {@code max-regex-length} of a REGEX / REPLACE pattern, {@code max-string-length} of a
 * string a query builds, and {@code max-concurrent} queries at once ({@code
 * max-concurrent-per-caller} for one person or, anonymously, one address).
 */
@ConfigurationProperties("registry.sparql")
public record SparqlProperties(
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("10000") int maxResults,
    @DefaultValue("64KB") DataSize maxRequestSize,
    @DefaultValue("64") int maxDepth,
    @DefaultValue("256") int maxRegexLength,
    @DefaultValue("1000000") int maxStringLength,
    @DefaultValue("4") int maxConcurrent,
    @DefaultValue("2") int maxConcurrentPerCaller) {

  SparqlLimits limits() {
    return new SparqlLimits(
        timeout,
        maxResults,
        Math.toIntExact(maxRequestSize.toBytes()),
        maxDepth,
        maxRegexLength,
        maxStringLength,
        maxConcurrent,
        maxConcurrentPerCaller);
  }
}
