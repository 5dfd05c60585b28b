package org.datasharing.registry.core.search;

import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.datasharing.registry.core.catalog.Dataset;

/** The stored copy of a dataset in its index document, so a page of hits needs no store reads. */
final class Stored {
  private static final String P = "s.";

  private Stored() {}

  static void write(Document doc, IndexedDataset indexed) {
    Dataset d = indexed.dataset();
    one(doc, "publisher", d.publisher());
    one(doc, "title", d.title());
    one(doc, "description", d.description());
    many(doc, "themes", d.themes());
    many(doc, "keywords", d.keywords());
    many(doc, "personalDataCategories", d.personalDataCategories());
    many(doc, "dataSubjectCategories", d.dataSubjectCategories());
    one(doc, "specialCategoryData", str(d.specialCategoryData()));
    one(doc, "criminalOffenceData", str(d.criminalOffenceData()));
    many(doc, "dataItems", d.dataItems());
    one(doc, "discoverable", str(d.discoverable()));
    many(doc, "sharingConditions", d.sharingConditions());
    many(doc, "requiredAssurance", d.requiredAssurance());
    many(doc, "sectors", indexed.sectors());
  }

  static IndexedDataset read(Document doc) {
    return new IndexedDataset(
        new Dataset(
            doc.get(DatasetIndex.ID),
            doc.get(P + "publisher"),
            doc.get(P + "title"),
            doc.get(P + "description"),
            list(doc, "themes"),
            list(doc, "keywords"),
            list(doc, "personalDataCategories"),
            list(doc, "dataSubjectCategories"),
            bool(doc, "specialCategoryData"),
            bool(doc, "criminalOffenceData"),
            list(doc, "dataItems"),
            bool(doc, "discoverable"),
            list(doc, "sharingConditions"),
            list(doc, "requiredAssurance")),
        list(doc, "sectors"));
  }

  private static void one(Document doc, String name, String value) {
    if (value != null) {
      doc.add(new StoredField(P + name, value));
    }
  }

  private static void many(Document doc, String name, List<String> values) {
    values.forEach(v -> doc.add(new StoredField(P + name, v)));
  }

  private static String str(Boolean b) {
    return b == null ? null : b.toString();
  }

  private static Boolean bool(Document doc, String name) {
    String v = doc.get(P + name);
    return v == null ? null : Boolean.valueOf(v);
  }

  private static List<String> list(Document doc, String name) {
    return Arrays.asList(doc.getValues(P + name));
  }
}
