package org.datasharing.registry.core.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.datasharing.registry.core.catalog.Dataset;

/**
 * What the index holds of a dataset: the dataset and its publisher's sectors (a facet that lives on
 * the organisation), with a fingerprint that changes whenever either does.
 */
record IndexedDataset(Dataset dataset, List<String> sectors) {
  IndexedDataset {
    sectors = sectors == null ? List.of() : sectors.stream().sorted().toList();
  }

  /** SHA-256 over the record's text: records of lists print deterministically. */
  String fingerprint() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
