package org.datasharing.registry.core.search;

import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.catalog.Dataset;

/**
 * One page of a dataset search: the exact number of matches, the ranked datasets of the page and,
 * for each facet, the exact number of matching datasets per value. A facet's counts ignore that
 * facet's own filter (so the other values stay choosable) but apply every other filter.
 */
public record SearchResult(
    long total, int page, int size, List<Hit> items, Map<String, List<FacetValue>> facets) {
  public SearchResult {
    items = List.copyOf(items);
    facets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facets));
  }

  /** A dataset and its relevance score (null without a text query). */
  public record Hit(Dataset dataset, Float score) {}

  /** A facet value (a code, an organisation identifier or true/false) with its label and count. */
  public record FacetValue(String value, String label, long count, boolean selected) {}

  /** The count for a facet value, 0 when absent. */
  public long count(String facet, String value) {
    return facets.getOrDefault(facet, List.of()).stream()
        .filter(v -> v.value().equals(value))
        .mapToLong(FacetValue::count)
        .findFirst()
        .orElse(0);
  }
}
