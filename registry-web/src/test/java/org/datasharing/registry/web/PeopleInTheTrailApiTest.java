package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.web.security.Actors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The person behind each event, from their token to the trail: the audit pages name them with their
 * role and organisation, and {@code /id/user/{id}} describes them to auditors and registry
 * administrators only (404 for everyone else).
 */
@SpringBootTest
@AutoConfigureMockMvc
class PeopleInTheTrailApiTest {
  static final String ICB = "northshire-integrated-care-board";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;

  MockHttpServletResponse call(MockHttpServletRequestBuilder b) throws Exception {
    return mvc.perform(b).andReturn().getResponse();
  }

  /** A Keycloak-like token with the profile scope's name claim. */
  static RequestPostProcessor token(
      String sub, String username, String name, String role, String org) {
    return jwt()
        .jwt(
            j -> {
              j.subject(sub)
                  .claim("preferred_username", username)
                  .claim("name", name)
                  .claim("realm_access", Map.of("roles", List.of(role)));
              if (org != null) {
                j.claim("organization", List.of(org));
              }
            })
        .authorities(Actors::authorities);
  }

  static RequestPostProcessor page(String username, String role) {
    return oidcLogin()
        .idToken(
            t ->
                t.subject("sub-" + username)
                    .claim("preferred_username", username)
                    .claim("realm_access", Map.of("roles", List.of(role))));
  }

  @Test
  void theActingPerson_isRecorded_andResolvesForAuditorsAndAdministratorsOnly() throws Exception {
    String body =
        "{\"id\":\"dsa-people-api\",\"fields\":{\"title\":\"People in the trail\"},"
            + "\"parties\":[{\"organisation\":\""
            + ICB
            + "\",\"role\":\"controller\"}]}";
    assertThat(
            call(post("/api/agreements")
                    .with(token("sub-robin", "partner.icb", "Robin Example", "partner", ICB))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
                .getStatus())
        .isEqualTo(201);

    RequestPostProcessor auditor = token("sub-auditor", "auditor", "Alex Auditor", "auditor", null);
    String events = call(get("/api/audit/events").with(auditor)).getContentAsString();
    assertThat(events)
        .contains("\"name\":\"Robin Example\"")
        .contains("\"username\":\"partner.icb\"")
        .contains("\"roles\":[\"partner\"]")
        .contains("\"organisationName\":\"NHS Northshire Integrated Care Board\"");

    // the audit page names the person, their role and organisation, linking to their page
    String audit = call(get("/audit").with(page("auditor", "auditor"))).getContentAsString();
    assertThat(audit)
        .contains("Robin Example (Partner, NHS Northshire Integrated Care Board)")
        .contains("href=\"/audit/people/sub-robin\"");
    String person =
        call(get("/audit/people/sub-robin").with(page("auditor", "auditor"))).getContentAsString();
    assertThat(person).contains("Robin Example", "partner.icb", "Partner", "dsa-people-api");
    assertThat(
            call(get("/audit/people/sub-robin").with(page("admin", "registry-admin"))).getStatus())
        .isEqualTo(200);
    assertThat(call(get("/audit/people/sub-robin").with(page("dpo.icb", "dpo"))).getStatus())
        .isEqualTo(404);

    // the linked-data IRI: RDF by Accept, an HTML page for browsers; 404 for anyone else
    MockHttpServletResponse turtle =
        call(get("/id/user/sub-robin").accept("text/turtle").with(auditor));
    assertThat(turtle.getStatus()).isEqualTo(200);
    assertThat(turtle.getContentAsString())
        .contains("Robin Example")
        .contains("prov:Agent")
        .contains("dsr:actorRole");
    assertThat(
            call(get("/id/user/sub-robin")
                    .accept("text/html")
                    .with(token("sub-admin", "admin", "Ada Admin", "registry-admin", null)))
                .getContentAsString())
        .contains("Robin Example", "Organisations they acted for");
    for (RequestPostProcessor other :
        List.of(
            token("sub-robin", "partner.icb", "Robin Example", "partner", ICB),
            token("sub-dpo", "dpo.icb", "Dee Pio", "dpo", ICB))) {
      assertThat(call(get("/id/user/sub-robin").with(other)).getStatus()).isEqualTo(404);
    }
    assertThat(call(get("/id/user/sub-robin")).getStatus()).isEqualTo(404);
    assertThat(call(get("/id/user/nobody").with(auditor)).getStatus()).isEqualTo(404);

    // the IRI opened in a browser (no bearer token) goes to the person's page, which signs the
    // browser in; the same answer whether or not the person exists
    for (String who : List.of("sub-robin", "nobody")) {
      MockHttpServletResponse browser = call(get("/id/user/" + who).accept("text/html"));
      assertThat(browser.getStatus()).isEqualTo(303);
      assertThat(browser.getHeader("Location")).isEqualTo("/audit/people/" + who);
    }
  }

  static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  com.fasterxml.jackson.databind.JsonNode events(RequestPostProcessor who, String query)
      throws Exception {
    MockHttpServletResponse r = call(get("/api/audit/events?size=500&" + query).with(who));
    assertThat(r.getStatus()).as(query).isEqualTo(200);
    return JSON.readTree(r.getContentAsString());
  }

  void draft(RequestPostProcessor who, String id, String org) throws Exception {
    String body =
        "{\"id\":\""
            + id
            + "\",\"fields\":{\"title\":\"Filtered\"},"
            + "\"parties\":[{\"organisation\":\""
            + org
            + "\",\"role\":\"controller\"}]}";
    assertThat(
            call(post("/api/agreements")
                    .with(who)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
                .getStatus())
        .isEqualTo(201);
  }

  @Test
  void events_areFilteredByAgreementOrganisationPersonActionAndDays_andExportedAsCsv()
      throws Exception {
    String council = "northshire-county-council";
    RequestPostProcessor sam =
        token("sub-sam", "partner.council", "Sam Council", "partner", council);
    RequestPostProcessor kim = token("sub-kim", "partner.icb", "Kim Board", "partner", ICB);
    draft(sam, "dsa-filter-council", council);
    draft(kim, "dsa-filter-icb", ICB);
    RequestPostProcessor auditor = token("sub-auditor", "auditor", "Alex Auditor", "auditor", null);

    var bySam = events(auditor, "person=sub-sam");
    assertThat(bySam.get("total").asLong()).isEqualTo(1);
    assertThat(bySam.at("/events/0/agreement").asText()).endsWith("/dsa-filter-council");
    var byCouncil = events(auditor, "organisation=" + council);
    assertThat(byCouncil.get("events"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("organisation").asText()).endsWith("/" + council));
    var byAgreement = events(auditor, "agreement=dsa-filter-icb&action=Create");
    assertThat(byAgreement.get("total").asLong()).isEqualTo(1);
    assertThat(byAgreement.at("/events/0/name").asText()).isEqualTo("Kim Board");
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    assertThat(
            events(auditor, "from=" + today + "&to=" + today + "&person=sub-kim")
                .get("total")
                .asLong())
        .isEqualTo(1);
    assertThat(events(auditor, "from=2999-01-01").get("total").asLong()).isZero();

    for (var bad :
        Map.of(
                "action=Nope", "action",
                "from=yesterday", "from",
                "from=2026-06-02&to=2026-06-01", "to",
                "agreement=Not%20A%20Slug", "agreement",
                "person=a%20b", "person")
            .entrySet()) {
      MockHttpServletResponse r = call(get("/api/audit/events?" + bad.getKey()).with(auditor));
      assertThat(r.getStatus()).as(bad.getKey()).isEqualTo(422);
      assertThat(r.getContentAsString()).contains("\"field\":\"" + bad.getValue() + "\"");
    }

    MockHttpServletResponse csv =
        call(get("/api/audit/events?format=csv&organisation=" + council).with(auditor));
    assertThat(csv.getStatus()).isEqualTo(200);
    assertThat(csv.getContentType()).startsWith("text/csv");
    assertThat(csv.getHeader("Content-Disposition")).contains("audit-events.csv");
    var records =
        org.apache.commons.csv.CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new java.io.StringReader(csv.getContentAsString()))
            .getRecords();
    assertThat(records).hasSize(byCouncil.get("total").asInt());
    assertThat(records)
        .anySatisfy(
            r -> {
              assertThat(r.get("Name")).isEqualTo("Sam Council");
              assertThat(r.get("Organisation name")).isEqualTo("Northshire County Council");
            });
    assertThat(call(get("/api/audit/events?format=csv").with(kim)).getStatus()).isEqualTo(403);

    // the audit page filters too, and downloads the same selection
    String page =
        call(get("/audit").param("person", "sub-sam").with(page("auditor", "auditor")))
            .getContentAsString();
    assertThat(page)
        .contains("1 event matches")
        .contains("Sam Council (Partner, Northshire County Council)")
        .doesNotContain("Kim Board");
    assertThat(page).contains("href=\"/audit/events.csv?person=sub-sam\"");
    MockHttpServletResponse pageCsv =
        call(get("/audit/events.csv").param("person", "sub-sam").with(page("auditor", "auditor")));
    assertThat(pageCsv.getContentType()).startsWith("text/csv");
    assertThat(pageCsv.getContentAsString()).contains("Sam Council").doesNotContain("Kim Board");
    // a filter is a query parameter only: a header of the same name filters nothing
    String unfiltered =
        call(get("/audit").header("person", "sub-sam").with(page("auditor", "auditor")))
            .getContentAsString();
    assertThat(unfiltered).doesNotContain("1 event matches").contains("Kim Board");
  }

  @Test
  void eventIri_answersRdfToAuditors_andSendsBrowsersToTheEventsPage() throws Exception {
    RequestPostProcessor lee = token("sub-lee", "partner.icb", "Lee Iri", "partner", ICB);
    draft(lee, "dsa-event-iri", ICB);
    RequestPostProcessor auditor = token("sub-auditor", "auditor", "Alex Auditor", "auditor", null);
    String iri = events(auditor, "person=sub-lee").at("/events/0/id").asText();
    String path = iri.substring(iri.indexOf("/id/"));
    String id = iri.substring(iri.lastIndexOf('/') + 1);

    MockHttpServletResponse turtle = call(get(path).accept("text/turtle").with(auditor));
    assertThat(turtle.getStatus()).isEqualTo(200);
    assertThat(turtle.getContentAsString()).contains("dsr:leafHash").contains("Lee Iri");
    assertThat(call(get(path).accept("application/ld+json").with(auditor)).getContentType())
        .startsWith("application/ld+json");
    assertThat(call(get(path).accept("text/turtle").with(lee)).getStatus()).isEqualTo(404);
    assertThat(call(get(path).accept("text/turtle")).getStatus()).isEqualTo(404);
    MockHttpServletResponse html = call(get(path).accept("text/html"));
    assertThat(html.getStatus()).isEqualTo(303);
    assertThat(html.getHeader("Location")).isEqualTo("/audit/events/" + id);
  }

  @Test
  void actor_takesTheDisplayName_fromTheTokensProfileClaims() {
    assertThat(Actors.of(Map.of("sub", "s", "name", "Priya Shah")).name()).contains("Priya Shah");
    assertThat(Actors.of(Map.of("sub", "s", "given_name", "Priya", "family_name", "Shah")).name())
        .contains("Priya Shah");
    assertThat(Actors.of(Map.of("sub", "s")).name()).isEmpty();
  }
}
