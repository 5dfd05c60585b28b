package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each party answers for itself: staff of one party cannot give, change or clear another party's
 * own answers (lawful basis, conditions, contacts); the shared text and who the parties are stay
 * editable by staff of any party. And a party keeps its place in the list ("Party 2") after saves.
 */
class PartyAnswersTest {
  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;
  String id;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
    id =
        TestRegistry.draft(
                agreements, partner(ICB), Optional.empty(), t.completeContent(List.of(ICB, TRUST)))
            .orElseThrow()
            .id();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  AgreementContent current() {
    return agreements.get(Actor.system(), id).orElseThrow().content();
  }

  /** The current text with one answer of the party of {@code org} replaced (null clears it). */
  AgreementContent withAnswer(String org, String field, Object value) {
    AgreementContent c = current();
    List<Map<String, Object>> parties = new ArrayList<>();
    for (Map<String, Object> p : c.parties()) {
      Map<String, Object> copy = new LinkedHashMap<>(p);
      if (org.equals(p.get("organisation"))) {
        if (value == null) {
          copy.remove(field);
        } else {
          copy.put(field, value);
        }
      }
      parties.add(copy);
    }
    return new AgreementContent(c.fields(), parties);
  }

  @Test
  void editingAnotherPartysLawfulBasis_isForbidden_andChangesNothing() {
    AgreementContent before = current();

    Result<AgreementView> r =
        agreements.updateDraft(partner(ICB), id, withAnswer(TRUST, "lawfulBasis", "consent"));

    assertThat(r.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(r.message()).contains("Party 2", TRUST, "lawfulBasis");
    assertThat(current()).isEqualTo(before);
  }

  @Test
  void clearingAnotherPartysContact_isForbidden_evenForItsDpo() {
    Result<AgreementView> r =
        agreements.updateDraft(dpo(ICB), id, withAnswer(TRUST, "contactEmail", null));

    assertThat(r.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(current().parties().get(1))
        .containsEntry("contactEmail", "ig@" + TRUST + ".example");
  }

  @Test
  void aPartysOwnStaff_changeItsAnswers_andAnyPartyChangesTheSharedText() {
    assertThat(
            agreements
                .updateDraft(
                    partner(TRUST), id, withAnswer(TRUST, "lawfulBasis", "legal-obligation"))
                .ok())
        .isTrue();
    assertThat(
            agreements
                .updateDraft(
                    partner(ICB), id, TestRegistry.with(current(), "title", "Retitled by the ICB"))
                .ok())
        .isTrue();

    assertThat(current().parties().get(1)).containsEntry("lawfulBasis", "legal-obligation");
    assertThat(current().fields()).containsEntry("title", "Retitled by the ICB");
  }

  @Test
  void addingAParty_keepsItsAnswersForIt_andKeepsTheOrderOfTheParties() {
    AgreementContent c = current();
    List<Map<String, Object>> parties = new ArrayList<>(c.parties());
    parties.add(Map.of("organisation", COUNCIL, "role", "recipient"));
    // the council sorts before the ICB and the trust by identifier: it still comes third
    assertThat(
            agreements
                .updateDraft(partner(ICB), id, new AgreementContent(c.fields(), parties))
                .ok())
        .isTrue();
    assertThat(current().partyOrganisations()).containsExactly(ICB, TRUST, COUNCIL);

    List<Map<String, Object>> withAnswers = new ArrayList<>(current().parties());
    Map<String, Object> council = new LinkedHashMap<>(withAnswers.get(2));
    council.put("lawfulBasis", "public-task");
    withAnswers.set(2, council);
    Result<AgreementView> r =
        agreements.updateDraft(partner(ICB), id, new AgreementContent(c.fields(), withAnswers));

    assertThat(r.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(r.message()).contains("Party 3");
  }

  @Test
  void createDraft_givingAnotherPartysAnswers_isForbidden_andCreatesNothing() {
    long events = t.registry.auditTrail().head().size();

    Result<AgreementView> r =
        agreements.createDraft(
            partner(ICB),
            Optional.of("dsa-answers-for-others"),
            t.completeContent(List.of(ICB, TRUST)));

    assertThat(r.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(r.message()).contains("Party 2", TRUST, "answers for itself");
    assertThat(agreements.get(Actor.system(), "dsa-answers-for-others").failure())
        .isEqualTo(Result.Failure.NOT_FOUND);
    assertThat(t.registry.auditTrail().head().size()).isEqualTo(events);
  }

  @Test
  void createDraft_namingTheOtherPartiesAndTheirRoles_withOnlyItsOwnAnswers_isAccepted() {
    AgreementContent own =
        t.completeContent(List.of(ICB, TRUST))
            .withAnswersFrom(AgreementContent.NONE, org -> !org.equals(ICB));

    AgreementView draft =
        agreements.createDraft(partner(ICB), Optional.of("dsa-own-answers"), own).orElseThrow();

    assertThat(draft.content().partyOrganisations()).containsExactly(ICB, TRUST);
    assertThat(draft.content().parties().get(0)).containsEntry("lawfulBasis", "public-task");
    assertThat(draft.content().parties().get(1))
        .containsOnlyKeys("organisation", "role")
        .containsEntry("role", "controller");
  }
}
