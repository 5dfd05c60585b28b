package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.POLICE;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-protection rules that need the registry's own data at submit: the clock (start date),
 * the catalogue (data items, who publishes a shared dataset) and the organisations (sectors); and
 * the new fields' types checked on every save. Each refusal names the field; each near miss
 * submits.
 */
class DataProtectionSubmitTest {
  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;
  final List<String> parties = List.of(ICB, COUNCIL, TRUST);

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private Result<AgreementView> submit(String id, AgreementContent content) {
    TestRegistry.draft(agreements, partner(ICB), Optional.of(id), content).orElseThrow();
    return agreements.submit(partner(ICB), id);
  }

  private static List<String> fields(Result<?> r) {
    assertThat(r.failure()).as("refused").isEqualTo(Result.Failure.INVALID);
    return r.violations().stream().map(Violation::field).toList();
  }

  private static AgreementContent withParty(
      AgreementContent c, int index, String field, Object value) {
    List<Map<String, Object>> ps = new ArrayList<>();
    for (Map<String, Object> p : c.parties()) {
      ps.add(new LinkedHashMap<>(p));
    }
    if (value == null) {
      ps.get(index).remove(field);
    } else {
      ps.get(index).put(field, value);
    }
    return new AgreementContent(c.fields(), ps);
  }

  private AgreementContent sharing(String dataset, List<String> items) {
    AgreementContent c =
        TestRegistry.with(t.completeContent(parties), "datasets", List.of(dataset));
    return TestRegistry.with(c, "dataItems", items);
  }

  @Test
  void submit_isRefusedOnStartDate_whenItIsBeforeTheDayOfSubmission() {
    var content = TestRegistry.with(t.completeContent(parties), "startDate", "2026-11-20");

    assertThat(fields(submit("dsa-backdated", content))).containsExactly("startDate");
  }

  @Test
  void submit_accepts_aStartDateOfToday() {
    var content = TestRegistry.with(t.completeContent(parties), "startDate", "2026-11-27");

    assertThat(submit("dsa-today", content).ok()).isTrue();
  }

  @Test
  void submit_isRefusedOnDataItems_whenAnItemIsNotHeldByTheSharedDatasets() {
    var content = sharing("home-care-packages", List.of("NHS number", "Blood group"));

    assertThat(fields(submit("dsa-items", content))).containsExactly("dataItems");
  }

  @Test
  void submit_accepts_itemsTheSharedDatasetsHold_whateverTheirCase() {
    var content = sharing("home-care-packages", List.of("nhs number", "Care provider"));

    assertThat(submit("dsa-items-ok", content).ok()).isTrue();
  }

  @Test
  void submit_isRefusedOnConfidentialityBasis_whenAHealthPartyDisclosesItsOwnHealthDataset() {
    var content = sharing("inpatient-admissions-and-discharges", List.of("NHS number", "Ward"));
    content = withParty(content, 2, "confidentialityBasis", null);

    assertThat(fields(submit("dsa-confidential", content)))
        .containsExactly("parties[2].confidentialityBasis");
  }

  @Test
  void submit_accepts_aHealthPartyThatOnlyReceives_withoutAConfidentialityBasis() {
    // the council publishes home-care-packages; the ICB (health) only receives
    var content = sharing("home-care-packages", List.of("NHS number"));
    content = withParty(content, 0, "confidentialityBasis", null);
    content = withParty(content, 0, "nationalDataOptOut", null);
    content = withParty(content, 0, "nationalDataOptOutReason", null);

    assertThat(submit("dsa-receiver", content).ok()).isTrue();
  }

  @Test
  void submit_isRefusedOnProcessorTerms_whenAProcessorHasNoArticle28Contract() {
    var content = withParty(t.completeContent(parties), 2, "role", "processor");

    assertThat(fields(submit("dsa-processor", content)))
        .containsExactly("parties[2].processorTerms");
  }

  @Test
  void submit_isRefusedOnPermissions_whenTheAssigneeIsNotAParty() {
    Map<String, Object> permission = new LinkedHashMap<>();
    permission.put("dataset", "home-care-packages");
    permission.put("assigner", COUNCIL);
    permission.put("assignee", POLICE);
    var content = sharing("home-care-packages", List.of("NHS number"));
    content = TestRegistry.with(content, "permissions", List.of(permission));

    assertThat(fields(submit("dsa-onward", content))).containsExactly("permissions");
  }

  @Test
  void save_isRefusedOnRetentionDuration_whenItIsNotAnIso8601Duration() {
    var content = TestRegistry.with(t.completeContent(parties), "retentionDuration", "7 years");

    Result<AgreementView> r =
        TestRegistry.draft(agreements, partner(ICB), Optional.of("dsa-duration"), content);

    assertThat(fields(r)).containsExactly("retentionDuration");
    assertThat(r.violations().get(0).message()).contains("ISO 8601").contains("P7Y");
  }

  @Test
  void save_keepsTheRetentionDurationAndTheNewRecords() {
    var content = TestRegistry.with(t.completeContent(parties), "retentionDuration", "P7Y");
    content = TestRegistry.with(content, "dpiaSummary", "No high risk was found.");
    content = TestRegistry.with(content, "internationalTransfer", "appropriate-safeguards");
    content = TestRegistry.with(content, "transferMechanism", "idta");
    content = TestRegistry.with(content, "transferDestinations", List.of("US"));

    AgreementView v = submit("dsa-records", content).orElseThrow();

    assertThat(v.content().fields())
        .containsEntry("retentionDuration", "P7Y")
        .containsEntry("dpiaOutcome", "no-high-risk")
        .containsEntry("internationalTransfer", "appropriate-safeguards")
        .containsEntry("transferMechanism", "idta")
        .containsEntry("transferDestinations", List.of("US"));
    assertThat(v.content().parties().get(0))
        .containsEntry("confidentialityBasis", "implied-consent-individual-care")
        .containsEntry("nationalDataOptOut", false);
  }

  @Test
  void register_showsRetentionTheDpiaTransfersAndTheOptOut_asTheFullTextDoes() {
    AgreementService.RegisterEntry discharge =
        agreements.register().stream()
            .filter(e -> e.id().equals("dsa-hospital-discharge"))
            .findFirst()
            .orElseThrow();

    assertThat(discharge.summary().fields())
        .containsEntry("retentionDuration", "P8Y")
        .containsEntry("internationalTransfer", "none")
        .containsKeys("retentionPeriod", "dpiaSummary", "onwardDisclosure", "securityMeasures")
        // the full text of the version in force is published (DSGA s.60(5)), the DPIA record too
        .containsKeys("dpiaReference", "dpiaOutcome", "dpiaDate", "accessArrangements");
    assertThat(discharge.summary().parties())
        .anySatisfy(
            p ->
                assertThat(p)
                    .containsEntry("confidentialityBasis", "section-251-support")
                    .containsEntry("nationalDataOptOut", true));
  }
}
