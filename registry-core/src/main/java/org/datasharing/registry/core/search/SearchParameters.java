package org.datasharing.registry.core.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.SKOS;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.Query;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * A search request's parameters, checked (each mistake named by its parameter) and read into the
 * Lucene text query and the facet filters; and facet counts worded back with their labels. {@link
 * CatalogSearch} asks.
 */
final class SearchParameters {
  private final RegistryStore store;
  private final Ids ids;
  private final ReferenceData reference;
  private final DatasetIndex index;

  SearchParameters(RegistryStore store, Ids ids, ReferenceData reference, DatasetIndex index) {
    this.store = store;
    this.ids = ids;
    this.reference = reference;
    this.index = index;
  }

  /** The request read: its text query (null for none) and each facet's selected values. */
  record Parsed(Query text, Map<Facet, List<String>> filters) {}

  Result<Parsed> parse(SearchRequest request) {
    List<Violation> violations = new ArrayList<>();
    if (request.q().length() > SearchRequest.MAX_QUERY_LENGTH) {
      violations.add(
          new Violation(
              "q",
              "The search text is longer than "
                  + SearchRequest.MAX_QUERY_LENGTH
                  + " characters; shorten it"));
    }
    if (request.page() < 1) {
      violations.add(new Violation("page", "The page number starts at 1"));
    }
    if (request.size() < 1 || request.size() > SearchRequest.MAX_SIZE) {
      violations.add(
          new Violation("size", "The page size is between 1 and " + SearchRequest.MAX_SIZE));
    }
    if (violations.isEmpty() && (long) request.page() * request.size() > SearchRequest.MAX_DEPTH) {
      violations.add(
          new Violation(
              "page",
              "Results are paged up to the first "
                  + SearchRequest.MAX_DEPTH
                  + "; narrow the search with facets instead"));
    }
    Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
    request
        .filters()
        .forEach(
            (name, values) -> {
              Optional<Facet> facet = Facet.byParameter(name);
              if (facet.isEmpty()) {
                violations.add(
                    new Violation(
                        name,
                        "There is no search parameter or facet called '"
                            + name
                            + "'; facets are "
                            + String.join(
                                ", ",
                                java.util.Arrays.stream(Facet.values())
                                    .map(Facet::parameter)
                                    .toList())));
                return;
              }
              List<String> checked = new ArrayList<>();
              for (String v : values) {
                String value = normalise(facet.get(), v);
                if (value == null) {
                  violations.add(
                      new Violation(name, "'" + v + "' is not a known value of " + name));
                } else {
                  checked.add(value);
                }
              }
              filters.put(facet.get(), checked);
            });
    Query text = null;
    if (violations.isEmpty() && !request.q().isBlank()) {
      Optional<String> tooComplex = SearchTextLimits.checkText(request.q());
      try {
        text = tooComplex.isPresent() ? null : index.parse(request.q());
      } catch (ParseException | RuntimeException | StackOverflowError e) {
        violations.add(
            new Violation(
                "q",
                "The search text is not valid: use words, \"quoted phrases\", AND, OR, NOT,"
                    + " trailing * wildcards and balanced brackets"));
      }
      if (text != null) {
        tooComplex = SearchTextLimits.check(text);
      }
      tooComplex.ifPresent(why -> violations.add(new Violation("q", why)));
    }
    if (!violations.isEmpty()) {
      return Result.invalid("Correct the search parameters listed", violations);
    }
    return Result.ok(new Parsed(text, filters));
  }

  /** The value as indexed, or null if it is not a value of the facet. */
  private String normalise(Facet facet, String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (facet.isBoolean()) {
      return switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes" -> "true";
        case "false", "no" -> "false";
        default -> null;
      };
    }
    if (facet == Facet.PUBLISHER) {
      return organisationExists(v) ? v : null;
    }
    return reference.concept(facet.scheme(), v).isPresent() ? v : null;
  }

  private boolean organisationExists(String slug) {
    return org.datasharing.registry.core.common.Slugs.isValid(slug)
        && !store
            .graph(Graphs.ORGANISATIONS_NODE)
            .find(ids.organisation(slug), Node.ANY, Node.ANY)
            .toList()
            .isEmpty();
  }

  /** Each facet's values with their counts and labels, the selected ones kept even at zero. */
  Map<String, List<SearchResult.FacetValue>> facets(
      Map<Facet, Map<String, Long>> counts, Map<Facet, List<String>> filters) {
    Graph orgs = store.graph(Graphs.ORGANISATIONS_NODE);
    Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
    for (Facet f : Facet.values()) {
      Map<String, Long> c = new HashMap<>(counts.getOrDefault(f, Map.of()));
      List<String> selected = filters.getOrDefault(f, List.of());
      selected.forEach(v -> c.putIfAbsent(v, 0L));
      out.put(
          f.parameter(),
          c.entrySet().stream()
              .map(
                  e ->
                      new SearchResult.FacetValue(
                          e.getKey(),
                          label(f, e.getKey(), orgs),
                          e.getValue(),
                          selected.contains(e.getKey())))
              .sorted(
                  Comparator.comparingLong(SearchResult.FacetValue::count)
                      .reversed()
                      .thenComparing(SearchResult.FacetValue::label))
              .toList());
    }
    return out;
  }

  private String label(Facet f, String value, Graph orgs) {
    if (f.isBoolean()) {
      return "true".equals(value) ? "Yes" : "No";
    }
    if (f == Facet.PUBLISHER) {
      var it = orgs.find(ids.organisation(value), SKOS.prefLabel.asNode(), Node.ANY);
      return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : value;
    }
    return reference.concept(f.scheme(), value).map(reference::label).orElse(value);
  }
}
