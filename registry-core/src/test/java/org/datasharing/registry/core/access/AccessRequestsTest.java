package org.datasharing.registry.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.auditor;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.access.AccessRequests.AccessRequest;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessRequestsTest {
  static final String DATASET =
      "adult-social-care-client-index"; // council; direct care, safeguarding

  @TempDir Path dir;
  TestRegistry t;
  AccessRequests requests;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    requests = t.registry.accessRequests();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void request_createsADraft_preFilledFromTheDataset() {
    Dataset d = t.registry.catalog().get(auditor(), DATASET).orElseThrow();
    AgreementView v =
        requests
            .request(
                partner(ICB),
                DATASET,
                new AccessRequest("direct-care", "Check for an allocated social worker at triage."))
            .orElseThrow();

    assertThat(v.status()).isEqualTo(AgreementStatus.DRAFT);
    assertThat(v.parties()).containsExactlyInAnyOrder(ICB, COUNCIL);
    Map<String, Object> f = v.content().fields();
    assertThat(f.get("title")).asString().startsWith("Adult Social Care Client Index");
    assertThat(f.get("purposes")).isEqualTo(List.of("direct-care"));
    assertThat(f.get("purposeDescription"))
        .isEqualTo("Check for an allocated social worker at triage.");
    assertThat(f.get("datasets")).isEqualTo(List.of(DATASET));
    assertThat((List<Object>) f.get("dataItems"))
        .containsExactlyInAnyOrderElementsOf(d.dataItems());
    assertThat((List<Object>) f.get("personalDataCategories"))
        .containsExactlyInAnyOrderElementsOf(d.personalDataCategories());
    assertThat((List<Object>) f.get("dataSubjectCategories"))
        .containsExactlyInAnyOrderElementsOf(d.dataSubjectCategories());
    assertThat(f.get("specialCategoryData")).isEqualTo(true);
    assertThat(f.get("criminalOffenceData")).isEqualTo(false);
    assertThat(f.get("requiredAssurance")).isEqualTo(List.of("dspt"));
    assertThat(f.get("accessArrangements")).asString().contains("Identifiable, under an agreement");
    assertThat(v.content().parties())
        .allSatisfy(p -> assertThat(p.get("role")).isEqualTo("controller"));
    // the dataset's offer becomes the agreement's ODRL permission, limited to the requested purpose
    assertThat((List<Map<String, Object>>) f.get("permissions"))
        .containsExactly(
            Map.of(
                "dataset",
                DATASET,
                "action",
                "use",
                "assigner",
                COUNCIL,
                "assignee",
                ICB,
                "sharingConditions",
                d.sharingConditions(),
                "purposes",
                List.of("direct-care")));
    // an edit of the text keeps the rules
    Map<String, Object> edited = new java.util.LinkedHashMap<>(f);
    edited.remove("permissions");
    edited.put("benefits", "Fewer duplicate referrals.");
    AgreementView after =
        t.registry
            .agreements()
            .updateDraft(
                partner(ICB),
                v.id(),
                new org.datasharing.registry.core.agreement.AgreementContent(
                    edited, v.content().parties()))
            .orElseThrow();
    assertThat(after.content().fields().get("permissions")).isEqualTo(f.get("permissions"));
    // a draft: the requester completes it; submitting names what is still missing
    Result<AgreementView> submit = t.registry.agreements().submit(partner(ICB), v.id());
    assertThat(submit.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(submit.violations())
        .extracting(Violation::field)
        .doesNotContain("datasets", "dataItems");
  }

  @Test
  void request_refusesAPurposeTheOfferDoesNotPermit() {
    Result<AgreementView> r =
        requests.request(partner(ICB), DATASET, new AccessRequest("research", "A study."));
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).extracting(Violation::field).containsExactly("purpose");
    assertThat(r.violations().get(0).message()).contains("Direct care");
  }

  @Test
  void request_namesEveryMissingOrUnknownField() {
    Result<AgreementView> r =
        requests.request(partner(ICB), DATASET, new AccessRequest("no-such-purpose", " "));
    assertThat(r.violations())
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("purpose", "purposeDescription");
  }

  @Test
  void request_isRefused_forOwnHiddenOrMissingDatasets_andForNonMembers() {
    AccessRequest ok = new AccessRequest("direct-care", "Why.");
    assertThat(requests.request(partner(COUNCIL), DATASET, ok).failure())
        .isEqualTo(Result.Failure.INVALID);
    assertThat(requests.request(partner(ICB), "child-protection-plans", ok).failure())
        .isEqualTo(Result.Failure.NOT_FOUND);
    assertThat(requests.request(partner(ICB), "no-such-dataset", ok).failure())
        .isEqualTo(Result.Failure.NOT_FOUND);
    assertThat(requests.request(auditor(), DATASET, ok).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(requests.request(TestRegistry.admin(), DATASET, ok).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
  }
}
