package org.datasharing.registry.core.catalog;

import java.util.List;

/** A catalogue dataset (DCAT 3) as the API sees it; codes refer to the reference schemes. */
public record Dataset(
    String id,
    String publisher,
    String title,
    String description,
    List<String> themes,
    List<String> keywords,
    List<String> personalDataCategories,
    List<String> dataSubjectCategories,
    Boolean specialCategoryData,
    Boolean criminalOffenceData,
    List<String> dataItems,
    Boolean discoverable,
    List<String> sharingConditions,
    List<String> requiredAssurance) {
  public Dataset {
    themes = copy(themes);
    keywords = copy(keywords);
    personalDataCategories = copy(personalDataCategories);
    dataSubjectCategories = copy(dataSubjectCategories);
    dataItems = copy(dataItems);
    sharingConditions = copy(sharingConditions);
    requiredAssurance = copy(requiredAssurance);
  }

  private static List<String> copy(List<String> l) {
    return l == null ? List.of() : List.copyOf(l);
  }
}
