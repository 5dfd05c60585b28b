package org.datasharing.registry.core.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset search as the caller sent it: free text (Lucene syntax), facet filters by parameter
 * name (values OR-ed within a facet, facets AND-ed), and a 1-based page. Checked by {@link
 * CatalogSearch}, which names every invalid parameter.
 */
public record SearchRequest(String q, Map<String, List<String>> filters, int page, int size) {
  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;
  public static final int MAX_QUERY_LENGTH = 500;

  /** Ranked results are collected up to this depth; deeper pages need a narrower search. */
  public static final int MAX_DEPTH = 10_000;

  public SearchRequest {
    q = q == null ? "" : q.strip();
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (filters != null) {
      // a parameter without a value ("?publisher") is there with no value to filter by
      filters.forEach(
          (k, v) ->
              copy.put(k, v == null ? List.of() : v.stream().filter(Objects::nonNull).toList()));
    }
    filters = java.util.Collections.unmodifiableMap(copy);
  }

  public static SearchRequest of(String q) {
    return new SearchRequest(q, Map.of(), 1, DEFAULT_SIZE);
  }

  public SearchRequest with(String facet, String... values) {
    Map<String, List<String>> f = new LinkedHashMap<>(filters);
    f.put(facet, List.of(values));
    return new SearchRequest(q, f, page, size);
  }

  public SearchRequest page(int page, int size) {
    return new SearchRequest(q, filters, page, size);
  }
}
