package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The public transparency register, signed out: JSON, CSV, RDF and the HTML page. */
@SpringBootTest
@AutoConfigureMockMvc
class RegisterApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DRAFT_TITLE = "Carers Support Referrals";
  static final String SUBMITTED_TITLE = "High Intensity Use Service";

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

  @Test
  void json_listsAgreementsInForceOrEnded_withoutDraftsOrContacts() throws Exception {
    MockHttpServletResponse r = call(get("/api/register"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentType()).startsWith("application/json");
    JsonNode body = JSON.readTree(r.getContentAsString());
    List<String> statuses = new ArrayList<>();
    body.forEach(e -> statuses.add(e.get("status").asText()));
    assertThat(statuses)
        .isNotEmpty()
        .allMatch(
            s ->
                List.of("APPROVED", "ACTIVE", "REVIEW_DUE", "SUSPENDED", "TERMINATED", "EXPIRED")
                    .contains(s))
        .contains("ACTIVE", "SUSPENDED", "EXPIRED", "TERMINATED");
    assertThat(r.getContentAsString())
        .doesNotContain(DRAFT_TITLE)
        .doesNotContain(SUBMITTED_TITLE)
        .doesNotContain("contactEmail")
        .doesNotContain("contactName")
        .doesNotContain("dpoName");
    // the one contact: each party's data protection officer mailbox, never a named person
    List<String> contacts = new ArrayList<>();
    body.forEach(
        e -> e.at("/summary/parties").forEach(p -> contacts.add(p.at("/contact").asText())));
    assertThat(contacts)
        .isNotEmpty()
        .allMatch(c -> c.startsWith("dpo@") || c.startsWith("data.protection@"));
  }

  @Test
  void json_filtersByStatusAndOrganisation_andSorts() throws Exception {
    JsonNode active =
        JSON.readTree(call(get("/api/register").param("status", "active")).getContentAsString());
    assertThat(active).isNotEmpty();
    active.forEach(e -> assertThat(e.get("status").asText()).isEqualTo("ACTIVE"));

    JsonNode police =
        JSON.readTree(
            call(get("/api/register").param("organisation", "northshire-police"))
                .getContentAsString());
    assertThat(police).isNotEmpty();
    police.forEach(e -> assertThat(e.get("parties").toString()).contains("northshire-police"));

    JsonNode sorted =
        JSON.readTree(call(get("/api/register").param("sort", "-startDate")).getContentAsString());
    List<String> starts = new ArrayList<>();
    sorted.forEach(e -> starts.add(e.at("/summary/fields/startDate").asText()));
    assertThat(starts).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    MockHttpServletResponse draft = call(get("/api/register").param("status", "draft"));
    assertThat(draft.getStatus()).isEqualTo(422);
    assertThat(draft.getContentAsString()).contains("\"field\":\"status\"");
    assertThat(call(get("/api/register").param("sort", "colour")).getStatus()).isEqualTo(422);
  }

  @Test
  void csv_isADownload_withOneLinePerAgreement() throws Exception {
    int count = JSON.readTree(call(get("/api/register")).getContentAsString()).size();
    for (MockHttpServletRequestBuilder b :
        List.of(
            get("/api/register").accept("text/csv"), get("/api/register").param("format", "csv"))) {
      MockHttpServletResponse r = call(b);
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getContentType()).startsWith("text/csv");
      assertThat(r.getHeader("Content-Disposition")).contains("attachment").contains(".csv");
      List<CSVRecord> records =
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(new StringReader(r.getContentAsString()))
              .getRecords();
      assertThat(records).hasSize(count);
      assertThat(records.get(0).toMap())
          .containsKeys("Title", "Status", "Parties", "Lawful basis", "DPIA done");
      assertThat(r.getContentAsString()).doesNotContain(DRAFT_TITLE).doesNotContain("Priya Raman");
      assertThat(records.get(0).toMap())
          .containsKeys("Statutory power", "Retention", "Contact (data protection officer)");
    }
  }

  @Test
  void rdf_isNegotiated_withPublicFieldsOnly() throws Exception {
    MockHttpServletResponse r = call(get("/api/register").accept("text/turtle"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentType()).startsWith("text/turtle");
    Graph g = GraphFactory.createDefaultGraph();
    RDFParser.source(new ByteArrayInputStream(r.getContentAsByteArray()))
        .lang(Lang.TURTLE)
        .parse(g);
    assertThat(g.isEmpty()).isFalse();
    assertThat(r.getContentAsString()).contains("dsr:Active").doesNotContain("contactEmail");
    assertThat(call(get("/api/register").accept("application/ld+json")).getContentType())
        .startsWith("application/ld+json");
  }

  @Test
  void page_isAGovUkPage_signedOut_sortableAndFilterable() throws Exception {
    MockHttpServletResponse r = call(get("/register"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentType()).startsWith("text/html");
    String html = r.getContentAsString();
    assertThat(html)
        .contains("class=\"govuk-template\"", "/webjars/govuk-frontend/")
        .contains("<h1 class=\"govuk-heading-xl\">Data sharing register</h1>")
        .contains("<caption class=\"govuk-table__caption")
        .contains("aria-sort=\"ascending\"><a class=\"govuk-link\" href=\"/register?sort=-title\"")
        .contains("/id/agreement/dsa-hospital-discharge\"")
        .contains("href=\"/api/register?format=csv\"")
        .contains("Hospital Discharge and Reablement Information Sharing")
        .doesNotContain(DRAFT_TITLE)
        .doesNotContain(SUBMITTED_TITLE);
    // no contact on the register's list (the layout's feedback link is the service's own)
    assertThat(html.substring(html.indexOf("<main"), html.indexOf("</main>"))).doesNotContain("@");
    String suspended = call(get("/register").param("status", "suspended")).getContentAsString();
    assertThat(suspended)
        .contains("Domestic Abuse MARAC Information Sharing")
        .doesNotContain("Hospital Discharge and Reablement Information Sharing")
        .contains("href=\"/api/register?status=suspended&amp;format=csv\"");
    MockHttpServletResponse bad = call(get("/register").param("status", "draft"));
    assertThat(bad.getStatus()).isEqualTo(400);
    assertThat(bad.getContentAsString())
        .contains(
            "govuk-error-summary",
            "There is a problem",
            "href=\"#status\"",
            "Agreements that are draft");
    MockHttpServletResponse badSort = call(get("/register").param("sort", "colour"));
    assertThat(badSort.getStatus()).isEqualTo(400);
    assertThat(badSort.getContentAsString())
        .contains("Sort the register: Sort by one of")
        .doesNotContain("name=\"sort\""); // "Apply filters" works again
  }

  @Test
  void page_wordsEachStatusByWhatItMeans_approvedNotYetStarted_inForce_ended() throws Exception {
    String html = call(get("/register")).getContentAsString();
    assertThat(html)
        .contains("Approved, not yet started", "In force", "Ended")
        .doesNotContain(">Active<")
        .doesNotContain(">Expired<");
    String ended = call(get("/register").param("status", "expired")).getContentAsString();
    assertThat(ended).contains(">Ended (expired)<");
  }

  @Test
  void filters_byTextPurposeCategoryAndBasis_keepOnlyMatchingAgreements() throws Exception {
    JsonNode all = JSON.readTree(call(get("/api/register")).getContentAsString());
    JsonNode first = all.get(0);
    String purpose = first.at("/summary/fields/purposes/0").asText();
    String category = first.at("/summary/fields/personalDataCategories/0").asText();
    String basis = first.at("/summary/parties/0/lawfulBasis").asText();
    JsonNode byPurpose =
        JSON.readTree(call(get("/api/register").param("purpose", purpose)).getContentAsString());
    assertThat(byPurpose).isNotEmpty();
    byPurpose.forEach(
        e -> assertThat(e.at("/summary/fields/purposes").toString()).contains("\"" + purpose));
    JsonNode byCategory =
        JSON.readTree(
            call(get("/api/register").param("dataCategory", category)).getContentAsString());
    assertThat(byCategory).isNotEmpty();
    byCategory.forEach(
        e ->
            assertThat(e.at("/summary/fields/personalDataCategories").toString())
                .contains("\"" + category + "\""));
    JsonNode byBasis =
        JSON.readTree(call(get("/api/register").param("lawfulBasis", basis)).getContentAsString());
    assertThat(byBasis).isNotEmpty();
    byBasis.forEach(
        e -> assertThat(e.at("/summary/parties").toString()).contains("\"" + basis + "\""));
    JsonNode byText =
        JSON.readTree(
            call(get("/api/register").param("q", "hospital DISCHARGE")).getContentAsString());
    assertThat(byText).hasSize(1);
    assertThat(byText.get(0).get("id").asText()).isEqualTo("dsa-hospital-discharge");
    assertThat(
            JSON.readTree(
                call(get("/api/register").param("q", "zebra crossing")).getContentAsString()))
        .isEmpty();
    String page =
        call(get("/register").param("q", "hospital discharge").param("purpose", purpose))
            .getContentAsString();
    assertThat(page).contains("href=\"/register?q=hospital%20discharge&amp;purpose=" + purpose);
  }

  @Test
  void filters_withAnUnknownValue_areRefused_namingTheParameter() throws Exception {
    for (String parameter : List.of("purpose", "dataCategory", "lawfulBasis")) {
      MockHttpServletResponse api = call(get("/api/register").param(parameter, "no-such-code"));
      assertThat(api.getStatus()).as(parameter).isEqualTo(422);
      assertThat(JSON.readTree(api.getContentAsString()).at("/errors/0/field").asText())
          .isEqualTo(parameter);
      MockHttpServletResponse page = call(get("/register").param(parameter, "no-such-code"));
      assertThat(page.getStatus()).as(parameter).isEqualTo(400);
      assertThat(page.getContentAsString())
          .contains(
              "govuk-error-summary", "href=\"#" + parameter + "\"", "no-such-code&#39; is not a");
    }
    MockHttpServletResponse tooLong = call(get("/api/register").param("q", "x".repeat(201)));
    assertThat(tooLong.getStatus()).isEqualTo(422);
    assertThat(JSON.readTree(tooLong.getContentAsString()).at("/errors/0/field").asText())
        .isEqualTo("q");
  }
}
