package org.datasharing.registry.core.search;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The facets of dataset search: the API parameter name, the reference scheme its values come from
 * (null for publishers and yes/no facets) and how a dataset's values are read.
 */
public enum Facet {
  PUBLISHER("publisher", null, d -> List.of(d.dataset().publisher())),
  SECTOR("sector", "sector", IndexedDataset::sectors),
  THEME("theme", "theme", d -> d.dataset().themes()),
  PERSONAL_DATA_CATEGORY(
      "personalDataCategory", "data-category", d -> d.dataset().personalDataCategories()),
  SPECIAL_CATEGORY_DATA(
      "specialCategoryData",
      null,
      d -> List.of(String.valueOf(Boolean.TRUE.equals(d.dataset().specialCategoryData())))),
  SHARING_CONDITION("sharingCondition", "sharing-condition", d -> d.dataset().sharingConditions()),
  REQUIRED_ASSURANCE("requiredAssurance", "assurance-scheme", d -> d.dataset().requiredAssurance());

  private final String parameter;
  private final String scheme;
  private final Function<IndexedDataset, List<String>> values;

  Facet(String parameter, String scheme, Function<IndexedDataset, List<String>> values) {
    this.parameter = parameter;
    this.scheme = scheme;
    this.values = values;
  }

  /** The query parameter and the key in the response's facet counts. */
  public String parameter() {
    return parameter;
  }

  /** The SKOS scheme (under dsrref:) of the values, or null. */
  public String scheme() {
    return scheme;
  }

  /** Whether the values are yes/no ("true"/"false"). */
  public boolean isBoolean() {
    return this == SPECIAL_CATEGORY_DATA;
  }

  List<String> valuesOf(IndexedDataset d) {
    return values.apply(d).stream().filter(v -> v != null && !v.isBlank()).distinct().toList();
  }

  /** The Lucene field holding the facet's values. */
  String field() {
    return "facet." + parameter;
  }

  public static Optional<Facet> byParameter(String name) {
    return Arrays.stream(values()).filter(f -> f.parameter.equals(name)).findFirst();
  }
}
