package org.datasharing.registry.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Times and statuses as the pages say them. */
class LabelsTest {

  @Test
  void time_isUkTimeTheGovUkWay_inWinterAndInSummer() {
    assertThat(Labels.ukTime(Instant.parse("2026-12-03T14:15:00Z")))
        .isEqualTo("3 December 2026, 2:15pm");
    // British Summer Time: an hour ahead of UTC
    assertThat(Labels.ukTime(Instant.parse("2026-07-01T08:00:00Z"))).isEqualTo("1 July 2026, 9am");
    assertThat(Labels.ukTime(Instant.parse("2026-12-03T12:00:00Z")))
        .isEqualTo("3 December 2026, midday");
    assertThat(Labels.ukTime(Instant.parse("2026-12-03T00:00:00Z")))
        .isEqualTo("3 December 2026, midnight");
    assertThat(Labels.ukTime(Instant.parse("2026-12-03T00:05:00Z")))
        .isEqualTo("3 December 2026, 12:05am");
  }

  @Test
  void statusWords_replaceStatusNamesInText() {
    assertThat(
            Labels.statusWords(
                "Agreement dsa-x cannot be edited while it is CHANGES_REQUESTED; agreement now"
                    + " APPROVED"))
        .isEqualTo(
            "Agreement dsa-x cannot be edited while it is changes requested; agreement now"
                + " approved");
  }
}
