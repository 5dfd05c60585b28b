package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transfer outside the UK names the countries it goes to (ISO 3166 codes): required with adequacy
 * or safeguards, refused with no transfer, and an unknown code is refused by its field.
 */
class TransferDestinationsTest {
  @TempDir Path dir;

  static AgreementContent transfer(TestRegistry t, String transfer, Object countries) {
    AgreementContent c =
        TestRegistry.with(
            t.completeContent(List.of(ICB, COUNCIL)), "internationalTransfer", transfer);
    return TestRegistry.with(c, "transferDestinations", countries);
  }

  @Test
  void adequacyWithACountry_isSubmitted_andWithoutOne_isRefusedNamingTheField() {
    try (TestRegistry t = new TestRegistry(dir)) {
      AgreementService a = t.registry.agreements();
      TestRegistry.draft(
              a, partner(ICB), Optional.of("dsa-to-france"), transfer(t, "adequacy", List.of("FR")))
          .orElseThrow();
      AgreementView submitted = a.submit(partner(ICB), "dsa-to-france").orElseThrow();
      assertThat(submitted.content().fields().get("transferDestinations")).isEqualTo(List.of("FR"));

      TestRegistry.draft(a, partner(ICB), Optional.of("dsa-nowhere"), transfer(t, "adequacy", null))
          .orElseThrow();
      Result<AgreementView> nowhere = a.submit(partner(ICB), "dsa-nowhere");
      assertThat(nowhere.violations())
          .extracting(Violation::field)
          .containsExactly("transferDestinations");

      TestRegistry.draft(
              a, partner(ICB), Optional.of("dsa-no-transfer"), transfer(t, "none", List.of("US")))
          .orElseThrow();
      assertThat(a.submit(partner(ICB), "dsa-no-transfer").violations())
          .extracting(Violation::field)
          .containsExactly("transferDestinations");

      Result<AgreementView> unknown =
          TestRegistry.draft(
              a, partner(ICB), Optional.of("dsa-atlantis"), transfer(t, "adequacy", List.of("XX")));
      assertThat(unknown.failure()).isEqualTo(Result.Failure.INVALID);
      assertThat(unknown.violations())
          .extracting(Violation::field)
          .contains("transferDestinations");
    }
  }
}
