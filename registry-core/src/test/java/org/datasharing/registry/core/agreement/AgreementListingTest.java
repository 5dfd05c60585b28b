package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.auditor;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementListingTest {
  @TempDir Path dir;
  TestRegistry t;
  AgreementListing listing;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    listing =
        new AgreementListing(
            t.registry.agreements(), t.registry.organisations(), t.registry.reference());
    for (String id : List.of("dsa-listing-first", "dsa-listing-second")) {
      TestRegistry.draft(
              t.registry.agreements(),
              partner(ICB),
              Optional.of(id),
              t.completeContent(List.of(ICB, COUNCIL, TRUST)))
          .orElseThrow();
    }
    t.registry.agreements().submit(partner(ICB), "dsa-listing-second").orElseThrow();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  List<String> ids(String sort, String... statuses) {
    return listing
        .list(auditor(), new AgreementListing.Query(List.of(statuses), null, null, null, sort))
        .orElseThrow()
        .stream()
        .map(AgreementView.Summary::id)
        .toList();
  }

  @Test
  void summary_recordsWhenSubmitted_andWhoDrafted_onlyOnceSubmitted() {
    var byId =
        t.registry.agreements().list(auditor()).stream()
            .collect(java.util.stream.Collectors.toMap(AgreementView.Summary::id, s -> s));
    assertThat(byId.get("dsa-listing-second").submitted()).contains(TestRegistry.NOW);
    assertThat(byId.get("dsa-listing-second").author()).contains(ICB);
    assertThat(byId.get("dsa-listing-first").submitted()).isEmpty();
    assertThat(byId.get("dsa-listing-first").author()).contains(ICB);
    assertThat(byId.get("dsa-listing-first").purposes()).isNotEmpty();
  }

  @Test
  void sortBySubmitted_putsTheNeverSubmittedLast_inEitherDirection() {
    List<String> newest = ids("-submitted");
    List<String> oldest = ids("submitted");
    assertThat(newest.get(0)).isEqualTo("dsa-listing-second");
    assertThat(newest.indexOf("dsa-listing-first")).isGreaterThan(0);
    assertThat(oldest.get(oldest.size() - 1)).isNotEqualTo("dsa-listing-second");
    assertThat(ids("title", "changes-requested, SUBMITTED"))
        .contains("dsa-listing-second")
        .doesNotContain("dsa-listing-first");
  }

  @Test
  void list_isInvalid_namingEachParameter_whoseValueItDoesNotKnow() {
    Result<List<AgreementView.Summary>> r =
        listing.list(
            auditor(),
            new AgreementListing.Query(
                List.of("pending"), "no-such-body", "no-such-purpose", "x".repeat(201), "colour"));
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations())
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("status", "organisation", "purpose", "q", "sort");
  }
}
