package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.POLICE;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
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

/** A draft cannot be used to find out whether another organisation's hidden dataset exists. */
class HiddenDatasetProbeTest {
  static final String HIDDEN = "public-protection-notices"; // the police's, not discoverable

  @TempDir Path dir;
  TestRegistry t;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  Result<AgreementView> draftNaming(String actorOrg, List<String> parties, String dataset) {
    AgreementContent c =
        TestRegistry.with(t.completeContent(parties), "datasets", List.of(dataset));
    return TestRegistry.draft(t.registry.agreements(), partner(actorOrg), Optional.empty(), c);
  }

  @Test
  void draft_namingAnotherOrganisationsHiddenDataset_isAnsweredAsIfItDidNotExist() {
    Result<AgreementView> hidden = draftNaming(ICB, List.of(ICB, TRUST), HIDDEN);
    Result<AgreementView> absent = draftNaming(ICB, List.of(ICB, TRUST), "no-such-dataset");

    assertThat(hidden.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(hidden.violations())
        .extracting(Violation::message)
        .containsExactly("There is no dataset '" + HIDDEN + "' in the catalogue");
    assertThat(absent.violations())
        .extracting(Violation::message)
        .containsExactly("There is no dataset 'no-such-dataset' in the catalogue");
  }

  @Test
  void publisher_mayNameItsHiddenDataset_andTheCoPartyMayKeepItWhenEditing() {
    AgreementView a = draftNaming(POLICE, List.of(POLICE, ICB), HIDDEN).orElseThrow();

    AgreementContent edited =
        TestRegistry.with(
            TestRegistry.with(t.completeContent(List.of(POLICE, ICB)), "datasets", List.of(HIDDEN)),
            "title",
            "Edited by the ICB");
    Result<AgreementView> r = t.registry.agreements().updateDraft(partner(ICB), a.id(), edited);

    assertThat(r.ok()).as(String.valueOf(r.violations())).isTrue();
  }
}
