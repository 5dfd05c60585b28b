package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.datasharing.registry.core.store.Bootstrap;
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

/**
 * {@code POST /api/agreements/imports}: existing agreements with their history, replayed through
 * the lifecycle, all or nothing, by the registry administrator only.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AgreementImportApiTest {
  static final String BASE = "http://localhost:8080/id/";
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final ObjectMapper JSON = new ObjectMapper();

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

  static MockHttpServletRequestBuilder as(
      MockHttpServletRequestBuilder b, String username, String role, String org) {
    return b.with(AuthorizationMatrixTest.token(username, new String[] {role, org}));
  }

  /** The sample's Hospital Discharge agreement, as another register's under {@code id}. */
  static String file(String id) {
    return file(id, null);
  }

  /** As {@link #file(String)}, without the triples of {@code dropped} (null: none). */
  static String file(String id, org.apache.jena.graph.Node dropped) {
    DatasetGraph sample = Bootstrap.sampleAgreements(BASE);
    DatasetGraph one = DatasetGraphFactory.createGeneral();
    var g = NodeFactory.createURI(BASE + "agreement/dsa-hospital-discharge");
    sample
        .getGraph(g)
        .find()
        .filterDrop(t -> t.getPredicate().equals(dropped))
        .forEachRemaining(t -> one.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
    StringWriter w = new StringWriter();
    RDFDataMgr.write(w, one, Lang.TRIG);
    return w.toString().replace("dsa-hospital-discharge", id);
  }

  MockHttpServletRequestBuilder importing(String body, String source) {
    MockHttpServletRequestBuilder b =
        post("/api/agreements/imports").contentType("application/trig").content(body);
    return source == null ? b : b.param("source", source);
  }

  long treeSize() throws Exception {
    return JSON.readTree(call(get("/api/audit/tree-head")).getContentAsString())
        .get("treeSize")
        .asLong();
  }

  @Test
  void theRegistryAdministrator_importsAnAgreementWithItsHistory_201() throws Exception {
    long before = treeSize();

    MockHttpServletResponse r =
        call(
            as(
                importing(file("dsa-api-import"), "Trust register 2025"),
                "admin",
                "registry-admin",
                null));

    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
    JsonNode body = JSON.readTree(r.getContentAsString());
    assertThat(body.at("/agreements/0/id").asText()).isEqualTo("dsa-api-import");
    assertThat(body.at("/agreements/0/href").asText()).isEqualTo("/api/agreements/dsa-api-import");
    long events = body.get("events").asLong();
    assertThat(events).isGreaterThan(5);
    assertThat(treeSize()).isEqualTo(before + events);

    JsonNode agreement =
        JSON.readTree(
            call(as(get("/api/agreements/dsa-api-import"), "auditor", "auditor", null))
                .getContentAsString());
    assertThat(agreement.get("status").asText()).isEqualTo("ACTIVE");
    // the decisions on record are events in the trail, at their recorded times
    JsonNode trail =
        JSON.readTree(
            call(as(
                    get("/api/audit/events")
                        .param("agreement", "dsa-api-import")
                        .accept(MediaType.APPLICATION_JSON),
                    "auditor",
                    "auditor",
                    null))
                .getContentAsString());
    assertThat(trail.toString()).contains("2025-03-10T10:15:00Z").contains("Decide");
    // each says where it was imported from and by whom
    assertThat(trail.toString())
        .contains("\"importedFrom\":\"Trust register 2025\"")
        .contains("\"importedBy\":\"");
  }

  @Test
  void badInput_is422NamingTheField_andChangesNothing() throws Exception {
    long before = treeSize();

    MockHttpServletResponse noSource =
        call(as(importing(file("dsa-api-refused"), null), "admin", "registry-admin", null));
    MockHttpServletResponse notTrig =
        call(as(importing("<a> <b> {", "elsewhere"), "admin", "registry-admin", null));
    MockHttpServletResponse noCreator =
        call(
            as(
                importing(
                    file("dsa-api-refused", org.apache.jena.vocabulary.DCTerms.creator.asNode()),
                    "elsewhere"),
                "admin",
                "registry-admin",
                null));

    assertThat(noSource.getStatus()).isEqualTo(422);
    assertThat(noSource.getContentAsString()).contains("\"field\":\"source\"");
    assertThat(notTrig.getStatus()).isEqualTo(422);
    assertThat(notTrig.getContentAsString()).contains("\"field\":\"file\"");
    assertThat(noCreator.getStatus()).as(noCreator.getContentAsString()).isEqualTo(422);
    assertThat(noCreator.getContentAsString())
        .contains("\"field\":\"agreements[dsa-api-refused].creator\"");
    assertThat(treeSize()).isEqualTo(before);
    assertThat(
            call(as(get("/api/agreements/dsa-api-refused"), "auditor", "auditor", null))
                .getStatus())
        .isEqualTo(404);
  }

  @Test
  void aPartysDpo_anotherOrganisationsDpo_andAPartner_areRefused() throws Exception {
    // a party's DPO cannot vouch for the other parties' approvals the history records
    MockHttpServletResponse party =
        call(as(importing(file("dsa-api-theirs"), "elsewhere"), "dpo.trust", "dpo", TRUST));
    MockHttpServletResponse police =
        call(
            as(
                importing(file("dsa-api-theirs"), "elsewhere"),
                "dpo.police",
                "dpo",
                "northshire-police"));
    MockHttpServletResponse partner =
        call(as(importing(file("dsa-api-theirs"), "elsewhere"), "partner.trust", "partner", TRUST));
    MockHttpServletResponse anonymous = call(importing(file("dsa-api-theirs"), "elsewhere"));
    MockHttpServletResponse json =
        call(
            as(
                post("/api/agreements/imports")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{}"),
                "admin",
                "registry-admin",
                null));

    assertThat(party.getStatus()).isEqualTo(403);
    assertThat(police.getStatus()).isEqualTo(403);
    assertThat(partner.getStatus()).isEqualTo(403);
    assertThat(anonymous.getStatus()).isEqualTo(401);
    assertThat(json.getStatus()).isEqualTo(415);
    assertThat(
            call(as(get("/api/agreements/dsa-api-theirs"), "auditor", "auditor", null)).getStatus())
        .isEqualTo(404);
  }
}
