package org.datasharing.registry.core.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.POLICE;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.agreement.AgreementService.RegisterEntry;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.agreement.Field;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicRegisterTest {
  @TempDir Path dir;
  TestRegistry t;
  PublicRegister register;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    register = t.registry.publicRegister();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  List<RegisterEntry> entries(PublicRegister.Query q) {
    return register.entries(q).orElseThrow();
  }

  @Test
  void register_listsOnlyAgreementsThatAreOrWereInForce() {
    List<AgreementView.Summary> all = t.registry.agreements().list(TestRegistry.auditor());
    List<RegisterEntry> listed = entries(PublicRegister.Query.all());
    assertThat(listed)
        .extracting(RegisterEntry::id)
        .containsExactlyInAnyOrderElementsOf(
            all.stream()
                .filter(a -> PublicRegister.LISTED.contains(a.status()))
                .map(AgreementView.Summary::id)
                .toList());
    assertThat(listed)
        .extracting(RegisterEntry::status)
        .contains(
            AgreementStatus.ACTIVE,
            AgreementStatus.APPROVED,
            AgreementStatus.SUSPENDED,
            AgreementStatus.EXPIRED,
            AgreementStatus.TERMINATED);
    assertThat(listed)
        .extracting(RegisterEntry::id)
        .doesNotContain("dsa-carers-support-referrals", "dsa-high-intensity-use");
  }

  @Test
  void register_perStatus_andADraftNeverAppears_untilApproved() {
    for (AgreementStatus s : PublicRegister.LISTED) {
      assertThat(entries(new PublicRegister.Query(List.of(s.name().toLowerCase()), null, null)))
          .allSatisfy(e -> assertThat(e.status()).isEqualTo(s));
    }
    Result<List<RegisterEntry>> drafts =
        register.entries(new PublicRegister.Query(List.of("draft"), null, null));
    assertThat(drafts.violations()).extracting(Violation::field).containsExactly("status");

    var agreements = t.registry.agreements();
    TestRegistry.draft(
            agreements,
            partner(ICB),
            Optional.of("dsa-register-test"),
            t.completeContent(List.of(ICB, TRUST)))
        .orElseThrow();
    assertThat(entries(PublicRegister.Query.all()))
        .extracting(RegisterEntry::id)
        .doesNotContain("dsa-register-test");
    agreements.submit(partner(ICB), "dsa-register-test").orElseThrow();
    TestRegistry.decide(
        agreements, dpo(ICB), "dsa-register-test", 1, Outcome.APPROVE, Optional.empty());
    assertThat(entries(PublicRegister.Query.all()))
        .extracting(RegisterEntry::id)
        .doesNotContain("dsa-register-test");
    TestRegistry.decide(
            agreements, dpo(TRUST), "dsa-register-test", 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    assertThat(entries(new PublicRegister.Query(List.of("approved"), null, null)))
        .extracting(RegisterEntry::id)
        .contains("dsa-register-test");
  }

  @Test
  void register_filtersByOrganisation_andSorts() {
    assertThat(entries(new PublicRegister.Query(List.of(), POLICE, null)))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.parties()).contains(POLICE));
    List<RegisterEntry> byStart = entries(new PublicRegister.Query(List.of(), null, "-startDate"));
    List<String> starts =
        byStart.stream()
            .map(e -> String.valueOf(e.summary().fields().getOrDefault("startDate", "")))
            .toList();
    assertThat(starts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(entries(new PublicRegister.Query(List.of(), null, "title")))
        .extracting(e -> e.title().toLowerCase())
        .isSorted();
    assertThat(
            register.entries(new PublicRegister.Query(List.of(), "nobody", "colour")).violations())
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("organisation", "sort");
  }

  @Test
  void rows_andRdf_carryNoNamedContacts_onlyEachPartysDpoMailbox() {
    List<RegisterEntry> listed = entries(PublicRegister.Query.all());
    List<PublicRegister.Row> rows = register.rows(listed);
    assertThat(rows).hasSameSizeAs(listed);
    assertThat(rows.toString())
        .doesNotContain("helen.okafor@")
        .doesNotContain("Helen Okafor")
        .doesNotContain("Priya Raman") // the DPO's name
        .doesNotContain("contactName");
    assertThat(rows)
        .anySatisfy(
            r ->
                assertThat(r.contacts())
                    .contains("Northshire County Council: dpo@northshire-cc.example"));
    assertThat(rows).anySatisfy(r -> assertThat(r.parties()).contains("Northshire County Council"));
    assertThat(rows).allSatisfy(r -> assertThat(r.lawfulBases()).hasSameSizeAs(r.parties()));
    var g = register.rdf(listed);
    assertThat(g.isEmpty()).isFalse();
    g.find()
        .forEachRemaining(
            tr -> {
              assertThat(tr.getPredicate().getURI()).doesNotContain("contact");
              // the agreement's single point of contact is for the public (a team's mailbox);
              // no other value carries an e-mail address
              if (!tr.getPredicate()
                  .equals(
                      org.datasharing.registry.ontology.vocab.DSR.singlePointOfContact.asNode())) {
                assertThat(tr.getObject().toString()).doesNotContain("@northshire");
              }
            });
    assertThat(
            g.contains(
                org.apache.jena.graph.Node.ANY,
                org.datasharing.registry.ontology.vocab.DSR.singlePointOfContact.asNode(),
                org.apache.jena.graph.Node.ANY))
        .isTrue();
    assertThat(COUNCIL).isNotBlank();
  }

  @Test
  void fullText_ofTheVersionInForce_hasEveryClause_withholdingOnlyContactsAndHiddenDatasets() {
    // the MASH agreement (approved) shares Child Protection Plans, which the catalogue does not
    // publish, and names a contact person for each party
    String id = "dsa-mash-safeguarding";
    var actor = org.datasharing.registry.core.common.Actor.system();
    int n = t.registry.agreements().get(actor, id).value().versionInForce().orElseThrow();
    var full = t.registry.agreements().version(actor, id, n).value();
    PublicRegister.Row row = register.rows(List.of(register.entry(id).orElseThrow())).get(0);

    assertThat(row.contentHash()).isEqualTo(full.contentHash()).isNotBlank();
    var clauses = row.fullText();
    for (String field : full.content().fields().keySet()) {
      assertThat(clauses).as(field).anySatisfy(c -> assertThat(c.field()).isEqualTo(field));
    }
    assertThat(clauses)
        .anySatisfy(
            c -> {
              assertThat(c.field()).isEqualTo(Field.DATASETS.apiName());
              assertThat(c.withheld()).isEqualTo(Field.WITHHELD_DATASET);
            })
        .anySatisfy(c -> assertThat(c.withheld()).isEqualTo(Field.WITHHELD_CONTACT))
        .allSatisfy(c -> assertThat(c.isWithheld()).isEqualTo(c.value().isEmpty()));
    // internal arrangements are published now (s.60(5)): how access is arranged, in full
    assertThat(clauses)
        .anySatisfy(
            c ->
                assertThat(c.value())
                    .isEqualTo(full.content().fields().get(Field.ACCESS.apiName())));
    String everything = row.toString() + register.rdf(List.of(register.entry(id).get()));
    assertThat(everything)
        .doesNotContain("Child Protection Plans")
        .doesNotContain("dataset/child-protection-plans");
    List<String> contacts = new java.util.ArrayList<>();
    for (var p : full.content().parties()) {
      for (var f : List.of(Field.PartyField.CONTACT_EMAIL, Field.PartyField.CONTACT_NAME)) {
        if (p.get(f.apiName()) instanceof String s) {
          contacts.add(s);
        }
      }
    }
    assertThat(contacts).isNotEmpty();
    contacts.forEach(c -> assertThat(everything).doesNotContain(c));
  }

  @Test
  void retentionDuration_readsInWords() {
    assertThat(PublicRegister.durationWords("P8Y")).isEqualTo("8 years");
    assertThat(PublicRegister.durationWords("P1Y6M")).isEqualTo("1 year and 6 months");
    assertThat(PublicRegister.durationWords("P14D")).isEqualTo("14 days");
    assertThat(PublicRegister.durationWords(null)).isEmpty();
  }
}
