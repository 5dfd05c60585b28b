package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.datasharing.registry.core.agreement.VersionDiff.Words;
import org.datasharing.registry.core.agreement.VersionDiff.Words.Kind;
import org.junit.jupiter.api.Test;

/** A field's change read word by word, as the decision page highlights it. */
class VersionDiffWordsTest {

  @Test
  void words_markOnlyTheWordsThatChanged() {
    var change =
        new VersionDiff.FieldChange(
            "retention", "Kept for six years then deleted", "Kept for two years then deleted");
    assertThat(change.words())
        .containsExactly(
            new Words(Kind.SAME, "Kept for "),
            new Words(Kind.REMOVED, "six"),
            new Words(Kind.ADDED, "two"),
            new Words(Kind.SAME, " years then deleted"));
  }

  @Test
  void words_readListsAsCommaSeparatedItems_andAbsentValuesAsEmpty() {
    var change = new VersionDiff.FieldChange("requiredAssurance", List.of("dspt"), null);
    assertThat(change.words()).containsExactly(new Words(Kind.REMOVED, "dspt"));
    var added =
        new VersionDiff.FieldChange(
            "requiredAssurance", List.of("dspt"), List.of("dspt", "cyber-essentials-plus"));
    assertThat(added.words())
        .containsExactly(
            new Words(Kind.SAME, "dspt"), new Words(Kind.ADDED, ", cyber-essentials-plus"));
  }
}
