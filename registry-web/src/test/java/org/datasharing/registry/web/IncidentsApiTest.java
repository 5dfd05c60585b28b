package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * Recording an incident between parties: 422 naming the field, 403 for a non-party, 201 for a
 * party's staff, then the agreement page shows it with the ICO's 72-hour deadline and the audit
 * trail holds it for auditors. On the sample data ({@code dsa-hospital-discharge} is active between
 * the trust, the council and the ICB; the ICB is not party to {@code dsa-mash-safeguarding}).
 */
@SpringBootTest
@AutoConfigureMockMvc
class IncidentsApiTest {
  static final String PATH = "/api/agreements/dsa-hospital-discharge";
  static final String VALID =
      "{\"discoveredAt\":\"2027-02-01T09:30:00Z\","
          + "\"description\":\"A discharge list was e-mailed to the wrong care home\","
          + "\"kind\":\"confidentiality\",\"severity\":\"high-risk\","
          + "\"dataAffected\":\"Names and addresses of 12 patients\"}";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  /** A day after the discovery, within its 72 hours. */
  @TestConfiguration
  static class FixedDay {
    @Bean
    @Primary
    Clock fixedDay() {
      return Clock.fixed(Instant.parse("2027-02-02T09:00:00Z"), ZoneOffset.UTC);
    }
  }

  @Autowired MockMvc mvc;

  MockHttpServletResponse post(String username, String path, String json) throws Exception {
    return mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .with(
                    AuthorizationMatrixTest.token(
                        username, AuthorizationMatrixTest.USERS.get(username))))
        .andReturn()
        .getResponse();
  }

  String read(String username, String path) throws Exception {
    return mvc.perform(
            get(path)
                .with(
                    AuthorizationMatrixTest.token(
                        username, AuthorizationMatrixTest.USERS.get(username))))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void incident_badInputIs422NamingTheField_aNonPartyIs403_aPartyRecordsIt() throws Exception {
    String before = read("auditor", PATH);

    var time =
        post("partner.icb", PATH + "/incidents", VALID.replace("2027-02-01T09:30:00Z", "1/2/27"));
    assertThat(time.getStatus()).isEqualTo(422);
    assertThat(time.getContentType()).startsWith("application/problem+json");
    assertThat(time.getContentAsString()).contains("\"field\":\"discoveredAt\"");
    var kind = post("partner.icb", PATH + "/incidents", VALID.replace("confidentiality", "leak"));
    assertThat(kind.getStatus()).isEqualTo(422);
    assertThat(kind.getContentAsString()).contains("\"field\":\"kind\"");
    var empty = post("partner.icb", PATH + "/incidents", "{\"description\":\"x\"}");
    assertThat(empty.getStatus()).isEqualTo(422);
    assertThat(empty.getContentAsString())
        .contains("\"field\":\"discoveredAt\"")
        .contains("\"field\":\"description\"")
        .contains("\"field\":\"severity\"")
        .contains("\"field\":\"dataAffected\"");
    var nonParty = post("partner.icb", "/api/agreements/dsa-mash-safeguarding/incidents", VALID);
    assertThat(nonParty.getStatus()).isEqualTo(403);
    var auditor = post("auditor", PATH + "/incidents", VALID);
    assertThat(auditor.getStatus()).isEqualTo(403);
    assertThat(read("auditor", PATH)).isEqualTo(before);

    var recorded = post("partner.icb", PATH + "/incidents", VALID);
    assertThat(recorded.getStatus()).isEqualTo(201);
    assertThat(recorded.getContentAsString())
        .contains("\"incidents\"")
        .contains("\"icoReportDue\":\"2027-02-04T09:30:00Z\"");

    String page =
        mvc.perform(
                get("/agreements/dsa-hospital-discharge")
                    .with(ReviewAndLeaveApiTest.trustDpoSignedIn()))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("id=\"incidents\"")
        .contains("A discharge list was e-mailed to the wrong care home")
        .contains("Confidentiality breach: A high risk to people")
        .contains("by 4 February 2027, 9:30am")
        .contains("Tell the people affected without undue delay");

    assertThat(read("auditor", "/api/audit/events?agreement=dsa-hospital-discharge"))
        .contains("RecordIncident")
        .contains("report to the ICO due by 2027-02-04T09:30:00Z");
    assertThat(mvc.perform(get("/api/register")).andReturn().getResponse().getContentAsString())
        .contains("dsa-hospital-discharge")
        .doesNotContain("wrong care home");
  }
}
