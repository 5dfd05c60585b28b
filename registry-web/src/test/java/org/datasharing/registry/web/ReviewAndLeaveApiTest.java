package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.datasharing.registry.core.agreement.AgreementService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The review decision and party withdrawal endpoints: bad input is 422 naming the field, the
 * policy's refusals are 403 or 409, and a refused request changes nothing. On the sample data,
 * where {@code dsa-hospital-discharge} is active between the trust, the council and the ICB.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReviewAndLeaveApiTest {
  static final String PATH = "/api/agreements/dsa-hospital-discharge";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  /** A fixed day after the sample agreement's review date. */
  @TestConfiguration
  static class FixedDay {
    @Bean
    @Primary
    Clock fixedDay() {
      return Clock.fixed(Instant.parse("2027-06-15T09:00:00Z"), ZoneOffset.UTC);
    }
  }

  @Autowired MockMvc mvc;
  @Autowired AgreementService agreements;

  MockHttpServletResponse as(String username, String path, String json) throws Exception {
    return mvc.perform(
            post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .with(
                    AuthorizationMatrixTest.token(
                        username, AuthorizationMatrixTest.USERS.get(username))))
        .andReturn()
        .getResponse();
  }

  static org.springframework.test.web.servlet.request.RequestPostProcessor trustDpoSignedIn() {
    return org.springframework.security.test.web.servlet.request
        .SecurityMockMvcRequestPostProcessors.oidcLogin()
        .idToken(
            t ->
                t.subject("sub-dpo.trust")
                    .claim("preferred_username", "dpo.trust")
                    .claim("realm_access", java.util.Map.of("roles", java.util.List.of("dpo")))
                    .claim("organization", java.util.List.of(AuthorizationMatrixTest.TRUST)));
  }

  String agreement() throws Exception {
    return mvc.perform(
            get(PATH)
                .with(
                    AuthorizationMatrixTest.token(
                        "auditor", AuthorizationMatrixTest.USERS.get("auditor"))))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void review_badInputIs422NamingTheField_policyRefusalsAre403And409() throws Exception {
    agreements.tick(); // due for review from 2027-05-31, whether or not the scheduler ran yet
    String before = agreement();

    var outcome = as("dpo.trust", PATH + "/reviews", "{\"outcome\":\"carry-on\"}");
    assertThat(outcome.getStatus()).isEqualTo(422);
    assertThat(outcome.getContentType()).startsWith("application/problem+json");
    assertThat(outcome.getContentAsString()).contains("\"field\":\"outcome\"");

    var date =
        as(
            "dpo.trust",
            PATH + "/reviews",
            "{\"outcome\":\"continue\",\"nextReviewDate\":\"31/3/28\"}");
    assertThat(date.getStatus()).isEqualTo(422);
    assertThat(date.getContentAsString()).contains("\"field\":\"nextReviewDate\"");

    String valid = "{\"outcome\":\"continue\",\"nextReviewDate\":\"2028-01-01\"}";
    var partner = as("partner.icb", PATH + "/reviews", valid);
    assertThat(partner.getStatus()).isEqualTo(403);
    assertThat(partner.getContentType()).startsWith("application/problem+json");

    var notDue = as("dpo.trust", "/api/agreements/dsa-high-intensity-use/reviews", valid);
    assertThat(notDue.getStatus()).isEqualTo(409);
    assertThat(notDue.getContentAsString()).contains("not due for review");

    assertThat(agreement()).isEqualTo(before);

    String page =
        mvc.perform(get("/agreements/dsa-hospital-discharge").with(trustDpoSignedIn()))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("Your organisation's review").contains("id=\"record-review\"");
    var tooLate =
        as(
            "dpo.trust",
            PATH + "/reviews",
            "{\"outcome\":\"continue\",\"nextReviewDate\":\"2028-06-16\"}");
    assertThat(tooLate.getStatus()).isEqualTo(422);
    assertThat(tooLate.getContentAsString()).contains("\"field\":\"nextReviewDate\"");
    var continued =
        as(
            "dpo.trust",
            PATH + "/reviews",
            "{\"outcome\":\"continue\",\"nextReviewDate\":\"2028-06-15\"}");
    assertThat(continued.getStatus()).isEqualTo(201);
    assertThat(continued.getContentAsString()).contains("\"currentReview\"").contains("CONTINUE");

    var notADate =
        mvc.perform(
                post("/agreements/dsa-hospital-discharge/review")
                    .with(trustDpoSignedIn())
                    .with(
                        org.springframework.security.test.web.servlet.request
                            .SecurityMockMvcRequestPostProcessors.csrf())
                    .param("reviewOutcome", "continue")
                    .param("nextReview-day", "31")
                    .param("nextReview-month", "2")
                    .param("nextReview-year", "2028"))
            .andReturn()
            .getResponse();
    assertThat(notADate.getStatus()).isEqualTo(422);
    assertThat(notADate.getContentAsString()).contains("must be a real date");
  }

  @Test
  void withdrawal_badReasonIs422_anotherOrganisationIs403_aPartyLeavesWith201() throws Exception {
    agreements.tick(); // as the scheduler would, so nothing moves between the reads below
    String before = agreement();

    var control =
        as(
            "dpo.icb",
            PATH + "/parties/" + AuthorizationMatrixTest.ICB + "/withdrawal",
            "{\"reason\":\"bad\\u0001\"}");
    assertThat(control.getStatus()).isEqualTo(422);
    assertThat(control.getContentAsString()).contains("\"field\":\"reason\"");

    var other =
        as("dpo.council", PATH + "/parties/" + AuthorizationMatrixTest.TRUST + "/withdrawal", "{}");
    assertThat(other.getStatus()).isEqualTo(403);
    var partner =
        as("partner.icb", PATH + "/parties/" + AuthorizationMatrixTest.ICB + "/withdrawal", "{}");
    assertThat(partner.getStatus()).isEqualTo(403);
    assertThat(agreement()).isEqualTo(before);

    var left =
        as(
            "dpo.icb",
            PATH + "/parties/" + AuthorizationMatrixTest.ICB + "/withdrawal",
            "{\"reason\":\"Evaluation finished\"}");
    assertThat(left.getStatus()).isEqualTo(201);
    assertThat(left.getContentAsString())
        .contains("\"currentVersion\":3")
        .contains("\"versionInForce\":2");

    // an amendment is now under way (409 for the trust itself), but another organisation's DPO
    // asking the trust to leave is refused for who they are: 403 with the policy's reason
    String amending = agreement();
    var forOther =
        as("dpo.council", PATH + "/parties/" + AuthorizationMatrixTest.TRUST + "/withdrawal", "{}");
    assertThat(forOther.getStatus()).isEqualTo(403);
    assertThat(forOther.getContentType()).startsWith("application/problem+json");
    assertThat(forOther.getContentAsString()).contains("only for their own organisation");
    var own =
        as("dpo.trust", PATH + "/parties/" + AuthorizationMatrixTest.TRUST + "/withdrawal", "{}");
    assertThat(own.getStatus()).isEqualTo(409);
    assertThat(agreement()).isEqualTo(amending);
  }
}
