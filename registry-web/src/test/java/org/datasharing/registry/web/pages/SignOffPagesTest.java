package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.common.Actor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The pages of senior-officer sign-off (issue #23) and of recording an incident, on the sample data
 * without a browser: the administrator sets "requires senior sign-off", the DPO approves, the
 * senior officer finds it waiting on the dashboard and in the header, reads the text and signs off
 * with the declaration bound to the version's hash, and each party's row shows who reviewed and who
 * signed off. Staff of a party record an incident through a GOV.UK form whose errors come back in
 * the error summary, each naming its field.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // one store: each step builds on the last
class SignOffPagesTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  static final String TRUST = UiPagesTest.TRUST;
  static final String SUBMITTED = UiPagesTest.SUBMITTED; // ambulance + trust + ICB, version 1
  static final String ACTIVE = UiPagesTest.ACTIVE; // council + ICB + trust

  @Autowired MockMvc mvc;
  @Autowired org.datasharing.registry.core.Registry registry;

  MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  String hash(String id, int version) {
    return registry.agreements().version(Actor.system(), id, version).orElseThrow().contentHash();
  }

  AgreementView.DecisionView trustDecision() {
    return registry.agreements().get(Actor.system(), SUBMITTED).orElseThrow().decisions().stream()
        .filter(d -> d.organisation().equals(TRUST) && d.version() == 1)
        .findFirst()
        .orElseThrow();
  }

  static final org.springframework.security.test.web.servlet.request
          .SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor
      ADMIN = UiPagesTest.user("admin", "registry-admin", null),
      DPO = UiPagesTest.user("dpo.trust", "dpo", TRUST),
      OFFICER = UiPagesTest.user("caldicott.trust", "senior-officer", TRUST);

  @Test
  @Order(1)
  void theAdministrator_setsThatTheOrganisationsApprovalsNeedASeniorOfficersSignOff()
      throws Exception {
    String before = call(get("/admin/organisations/" + TRUST).with(ADMIN)).getContentAsString();
    assertThat(before)
        .contains("Who signs off its approvals")
        .containsPattern("id=\"seniorSignOff-2\" name=\"required\" value=\"false\"\\s+checked");

    MockHttpServletResponse r =
        call(
            post("/admin/organisations/" + TRUST + "/senior-sign-off")
                .with(ADMIN)
                .with(csrf())
                .param("required", "true"));

    assertThat(r.getStatus()).isEqualTo(302);
    assertThat(registry.organisations().requiresSeniorSignOff(TRUST)).isTrue();
    // the trust's own DPO cannot use the admin page
    assertThat(
            call(post("/admin/organisations/" + TRUST + "/senior-sign-off")
                    .with(DPO)
                    .with(csrf())
                    .param("required", "false"))
                .getStatus())
        .isEqualTo(403);
    assertThat(registry.organisations().requiresSeniorSignOff(TRUST)).isTrue();
  }

  @Test
  @Order(2)
  void afterTheDposApproval_theSeniorOfficerSeesItWaitingForTheirSignOff() throws Exception {
    assertThat(
            call(post("/agreements/" + SUBMITTED + "/decision")
                    .with(DPO)
                    .with(csrf())
                    .param("version", "1")
                    .param("contentHash", hash(SUBMITTED, 1))
                    .param("outcome", "approve")
                    .param("declaration", "true"))
                .getStatus())
        .isEqualTo(302);
    assertThat(trustDecision().awaitingSignOff()).isTrue();

    String dashboard = call(get("/").with(OFFICER)).getContentAsString();
    assertThat(dashboard)
        .contains(
            "Waiting for your sign-off", "Waiting for you (1)", "href=\"/#awaiting-sign-off\"")
        .contains("data-agreement=\"" + SUBMITTED + "\"")
        // a senior officer has a registry role: no "ask for a role" message
        .doesNotContain("Your account has no registry role yet");
    // the DPO decided already: nothing waits for them on it
    assertThat(call(get("/").with(DPO)).getContentAsString())
        .doesNotContain("Waiting for your sign-off");

    String page = call(get("/agreements/" + SUBMITTED).with(OFFICER)).getContentAsString();
    // the full text first, then the form with the declaration naming the version and its hash
    assertThat(page.indexOf("Read version 1 before you sign off"))
        .isPositive()
        .isLessThan(page.indexOf("id=\"sign-off-form\""));
    assertThat(page)
        .contains("name=\"contentHash\" value=\"" + hash(SUBMITTED, 1) + "\"")
        .contains("Awaiting senior officer's sign-off", "DPO reviewed")
        .doesNotContain("id=\"decision-form\"");
  }

  @Test
  @Order(3)
  void signingOffWithoutTheDeclaration_isRefusedNamingIt_andRecordsNothing() throws Exception {
    MockHttpServletResponse r =
        call(
            post("/agreements/" + SUBMITTED + "/sign-off")
                .with(OFFICER)
                .with(csrf())
                .param("version", "1")
                .param("contentHash", hash(SUBMITTED, 1)));

    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString())
        .contains("govuk-error-summary", "href=\"#signOffDeclaration\"")
        .contains("Confirm that you have read version 1 and sign off its approval for");
    assertThat(trustDecision().awaitingSignOff()).isTrue();
  }

  @Test
  @Order(4)
  void signingOffAnotherText_isRefusedOnThePage_andRecordsNothing() throws Exception {
    MockHttpServletResponse r =
        call(
            post("/agreements/" + SUBMITTED + "/sign-off")
                .with(OFFICER)
                .with(csrf())
                .param("version", "1")
                .param("contentHash", "0".repeat(64))
                .param("signOffDeclaration", "true"));

    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString())
        .contains("than the one your data protection officer approved");
    assertThat(trustDecision().signedOffAt()).isEmpty();
  }

  @Test
  @Order(5)
  void theSeniorOfficersSignOff_isRecorded_andThePartysRowSaysWhoSignedOffAndWhen()
      throws Exception {
    MockHttpServletResponse r =
        call(
            post("/agreements/" + SUBMITTED + "/sign-off")
                .with(OFFICER)
                .with(csrf())
                .param("version", "1")
                .param("contentHash", hash(SUBMITTED, 1))
                .param("signOffDeclaration", "true"));

    assertThat(r.getStatus()).isEqualTo(302);
    AgreementView.DecisionView d = trustDecision();
    assertThat(d.awaitingSignOff()).isFalse();
    assertThat(d.signedOffAt()).isPresent();
    assertThat(d.signedOffBy()).hasValueSatisfying(u -> assertThat(u).endsWith("caldicott.trust"));

    String page = call(get("/agreements/" + SUBMITTED).with(DPO)).getContentAsString();
    assertThat(page).contains("Signed off by caldicott.trust", "DPO reviewed");
    assertThat(call(get("/").with(OFFICER)).getContentAsString())
        .contains("Waiting for you (0)")
        .doesNotContain("data-agreement=\"" + SUBMITTED + "\"");
  }

  @Test
  @Order(6)
  void recordingAnIncident_withNothingFilledIn_namesEachFieldInTheErrorSummary() throws Exception {
    String page = call(get("/agreements/" + ACTIVE).with(DPO)).getContentAsString();
    assertThat(page).contains("id=\"incident-form\"", "Record a breach or other incident");
    int before = registry.agreements().get(Actor.system(), ACTIVE).orElseThrow().incidents().size();

    MockHttpServletResponse r =
        call(post("/agreements/" + ACTIVE + "/incidents").with(DPO).with(csrf()));

    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString())
        .contains("govuk-error-summary")
        .contains(
            "href=\"#discovered\"",
            "href=\"#incidentKind\"",
            "href=\"#incidentSeverity\"",
            "href=\"#incidentDescription\"",
            "href=\"#dataAffected\"")
        .contains("Give the date and time the incident was discovered");
    assertThat(registry.agreements().get(Actor.system(), ACTIVE).orElseThrow().incidents())
        .hasSize(before);

    MockHttpServletResponse badDate =
        call(
            post("/agreements/" + ACTIVE + "/incidents")
                .with(DPO)
                .with(csrf())
                .param("discovered-day", "31")
                .param("discovered-month", "2")
                .param("discovered-year", "2026")
                .param("discoveredTime", "09:30")
                .param("incidentDescription", "A spreadsheet was e-mailed to the wrong ward"));
    assertThat(badDate.getStatus()).isEqualTo(422);
    assertThat(badDate.getContentAsString())
        .contains("href=\"#discovered\"", "for example 1 3 2027 and 09:30")
        .contains(">A spreadsheet was e-mailed to the wrong ward</textarea>");
  }

  @Test
  @Order(7)
  void recordingAnIncident_showsItWithTheIcosDeadline() throws Exception {
    MockHttpServletResponse r =
        call(
            post("/agreements/" + ACTIVE + "/incidents")
                .with(DPO)
                .with(csrf())
                .param("discovered-day", "1")
                .param("discovered-month", "11")
                .param("discovered-year", "2026")
                .param("discoveredTime", "09:30")
                .param("incidentKind", "confidentiality")
                .param("incidentSeverity", "risk")
                .param(
                    "incidentDescription",
                    "A discharge list was e-mailed to a care home that does not look after the"
                        + " people on it")
                .param("dataAffected", "Names, NHS numbers and discharge dates of 12 people"));

    assertThat(r.getStatus()).isEqualTo(302);
    var incidents = registry.agreements().get(Actor.system(), ACTIVE).orElseThrow().incidents();
    assertThat(incidents)
        .anySatisfy(
            i -> {
              assertThat(i.organisation()).isEqualTo(TRUST);
              assertThat(i.icoReportDue()).isPresent();
            });
    assertThat(call(get("/agreements/" + ACTIVE).with(DPO)).getContentAsString())
        .contains("Names, NHS numbers and discharge dates of 12 people", "72 hours passed");
  }
}
