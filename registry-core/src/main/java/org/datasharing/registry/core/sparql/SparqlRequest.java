package org.datasharing.registry.core.sparql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One SPARQL Protocol query request: the query text, the protocol's dataset ({@code
 * default-graph-uri}, {@code named-graph-uri}; when any is given it replaces the query's own {@code
 * FROM} / {@code FROM NAMED}) and the media types the client accepts, most wanted first (empty:
 * anything).
 */
public record SparqlRequest(
    String query, List<String> defaultGraphUris, List<String> namedGraphUris, List<String> accept) {
  public SparqlRequest {
    requireNonNull(query, "query");
    defaultGraphUris = defaultGraphUris == null ? List.of() : List.copyOf(defaultGraphUris);
    namedGraphUris = namedGraphUris == null ? List.of() : List.copyOf(namedGraphUris);
    accept = accept == null ? List.of() : List.copyOf(accept);
  }

  public static SparqlRequest of(String query) {
    return new SparqlRequest(query, List.of(), List.of(), List.of());
  }

  boolean hasDataset() {
    return !defaultGraphUris.isEmpty() || !namedGraphUris.isEmpty();
  }
}
