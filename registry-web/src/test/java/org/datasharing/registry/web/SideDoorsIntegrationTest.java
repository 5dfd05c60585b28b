package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The side doors a penetration test found, each tried again over HTTP with real Keycloak tokens of
 * the sample users: every attempt is refused with a 4xx (never a 5xx), and the catalogue, the audit
 * log, the public register and what a member sees through SPARQL are as they were.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SideDoorsIntegrationTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    SharedKeycloak.register(r);
  }

  static final String HIDDEN_POLICE_DATASET = "public-protection-notices";
  static final String IN_FORCE = "dsa-hospital-discharge"; // council, ICB, trust; active
  static final String TRUST = "northshire-nhs-foundation-trust";

  @LocalServerPort int port;
  @Autowired Registry registry;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  record Answer(int status, String text) {
    JsonNode body() {
      return text.isBlank() ? null : new ObjectMapper().readTree(text);
    }
  }

  /** What must not change: the catalogue, the log's size, the register, a member's SPARQL view. */
  record Snapshot(Graph catalog, long logSize, String register, String memberSparql) {}

  Snapshot before;

  @BeforeEach
  void snapshot() throws Exception {
    before = snapshotNow();
  }

  Snapshot snapshotNow() throws Exception {
    Graph catalog = GraphFactory.createDefaultGraph();
    registry.store().graph(Graphs.CATALOG_NODE).find().forEachRemaining(catalog::add);
    return new Snapshot(
        catalog,
        registry.store().logHead().size(),
        call(null, "GET", "/api/register", null, null).text(),
        sparql("dpo.trust", "SELECT ?d WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> }"));
  }

  void assertUnchanged() throws Exception {
    Snapshot now = snapshotNow();
    assertThat(now.catalog().isIsomorphicWith(before.catalog())).as("catalogue").isTrue();
    assertThat(now.logSize()).as("audit log size").isEqualTo(before.logSize());
    assertThat(now.register()).as("public register").isEqualTo(before.register());
    assertThat(now.memberSparql()).as("member's SPARQL view").isEqualTo(before.memberSparql());
  }

  Answer call(String user, String method, String path, String contentType, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (user != null) {
      b.header("Authorization", "Bearer " + SharedKeycloak.token(user));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  Answer json(String user, String method, String path, Object body) throws Exception {
    return call(
        user,
        method,
        path,
        "application/json",
        body == null ? null : json.writeValueAsString(body));
  }

  String sparql(String user, String query) throws Exception {
    Answer a = call(user, "POST", "/sparql", "application/sparql-query", query + " ORDER BY ?d");
    assertThat(a.status()).isEqualTo(200);
    return a.text();
  }

  static String turtle(String id, String publisher, String extra) {
    return """
        @prefix dsr:  <https://w3id.org/dsr#> .
        @prefix dct:  <http://purl.org/dc/terms/> .
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        <http://localhost:8080/id/dataset/%s>
            a dcat:Dataset ;
            dct:identifier "%s" ;
            dct:title "Bed state"@en ;
            dct:description "Daily counts of beds."@en ;
            dct:publisher <http://localhost:8080/id/organisation/%s> ;
            dcat:theme <https://w3id.org/dsr/ref/theme/health-and-care> ;
            dsr:personalDataCategory <https://w3id.org/dsr/ref/data-category/health> ;
            dsr:specialCategoryData true ;
            dsr:criminalOffenceData false ;
            dsr:dataItem "Site" ;
            dsr:sharingCondition <https://w3id.org/dsr/ref/sharing-condition/aggregate-only> ;
            dsr:discoverable true .
        %s
        """
        .formatted(id, id, publisher, extra);
  }

  Answer importTurtle(String user, String body) throws Exception {
    return call(user, "POST", "/api/datasets/import", "text/turtle", body);
  }

  static void assertRefused(Answer a, int status) {
    assertThat(a.status()).as(a.text()).isEqualTo(status);
    assertThat(a.text()).doesNotContain("Exception").doesNotContain("at org.");
  }

  // ---------------------------------------------------------------- 1. bulk import

  @Test
  void import_declaringTheCatalogueAnActiveAgreement_isRefused_andTheRegisterStillAnswers()
      throws Exception {
    String claim =
        "<https://w3id.org/dsr/graph/catalog> a dsr:DataSharingAgreement ;"
            + " dct:identifier \"dsa-carers-support-referrals\" ; dsr:status dsr:Active .";

    assertRefused(importTurtle("dpo.trust", turtle("bed-state", TRUST, claim)), 422);

    assertThat(call(null, "GET", "/api/register", null, null).status()).isEqualTo(200);
    assertThat(call(null, "GET", "/register", null, null).status()).isEqualTo(200);
    assertUnchanged();
  }

  @Test
  void import_makingTheCatalogueLookLikeTheImportersAgreement_isRefused() throws Exception {
    String claim =
        "<https://w3id.org/dsr/graph/catalog> a dsr:DataSharingAgreement ."
            + " <http://localhost:8080/id/dataset/bed-state/x> dsr:organisation"
            + " <http://localhost:8080/id/organisation/"
            + TRUST
            + "> .";

    assertRefused(importTurtle("dpo.trust", turtle("bed-state", TRUST, claim)), 422);
    assertUnchanged();
  }

  @Test
  void import_overwritingOrPublishingAnotherOrganisationsHiddenDataset_isForbidden()
      throws Exception {
    assertRefused(importTurtle("dpo.trust", turtle(HIDDEN_POLICE_DATASET, TRUST, "")), 403);
    assertRefused(
        importTurtle(
            "dpo.trust",
            turtle(
                "bed-state",
                TRUST,
                "<http://localhost:8080/id/dataset/"
                    + HIDDEN_POLICE_DATASET
                    + "> dsr:discoverable true .")),
        422);
    assertRefused(
        importTurtle("dpo.trust", turtle("bed-state", "northshire-county-council", "")), 403);
    assertUnchanged();
  }

  @Test
  void jsonLdImport_withARemoteContext_fetchesNothing_andSaysWhy() throws Exception {
    Answer a =
        call(
            "dpo.trust",
            "POST",
            "/api/datasets/import",
            "application/ld+json",
            "{\"@context\": \"file:///etc/passwd\", \"@id\": \"http://localhost:8080/id/dataset/x\"}");

    assertRefused(a, 422);
    assertThat(a.text()).contains("fetches nothing").doesNotContain("JsonLdError");
    assertUnchanged();
  }

  // ---------------------------------------------------------------- 2. dataset PUT

  @Test
  void put_ofAnotherOrganisationsDataset_isRefused_whateverTheBodySaysOfItsPublisher()
      throws Exception {
    // a visible council dataset, claimed by the ICB's partner
    JsonNode council =
        json("partner.council", "GET", "/api/datasets/adult-social-care-client-index", null).body();
    ObjectNode takeover = (ObjectNode) council.deepCopy();
    takeover.put("publisher", "northshire-integrated-care-board");
    takeover.put("title", "Taken over");
    assertRefused(
        json("partner.icb", "PUT", "/api/datasets/adult-social-care-client-index", takeover), 403);

    // the police's hidden dataset: the ICB's partner cannot even learn it exists
    takeover.put("id", HIDDEN_POLICE_DATASET);
    assertRefused(
        json("partner.icb", "PUT", "/api/datasets/" + HIDDEN_POLICE_DATASET, takeover), 404);

    // the publisher's own staff cannot hand it to another organisation either
    ObjectNode giveAway = (ObjectNode) council.deepCopy();
    giveAway.put("publisher", "northshire-integrated-care-board");
    Answer given =
        json("partner.council", "PUT", "/api/datasets/adult-social-care-client-index", giveAway);
    assertRefused(given, 422);
    assertThat(given.text()).contains("publisher");
    assertUnchanged();
  }

  // ---------------------------------------------------------------- 3, 4. amendments, register

  @Test
  void amendmentDroppingAParty_needsThatPartysDecision_andTheRegisterShowsTheVersionInForce()
      throws Exception {
    String registerBefore = call(null, "GET", "/api/register", null, null).text();
    assertThat(json("partner.icb", "POST", "/api/agreements/" + IN_FORCE + "/amend", null).status())
        .isEqualTo(201);
    JsonNode draft = json("partner.icb", "GET", "/api/agreements/" + IN_FORCE, null).body();
    ObjectNode content = (ObjectNode) draft.get("content").deepCopy();
    ArrayNode kept = json.createArrayNode();
    for (JsonNode p : content.get("parties")) {
      if (!p.get("organisation").asText().equals(TRUST)) {
        kept.add(p);
      }
    }
    content.set("parties", kept);
    ((ObjectNode) content.get("fields")).put("title", "Amended without the trust");
    Answer edited = json("partner.icb", "PUT", "/api/agreements/" + IN_FORCE, content);
    assertThat(edited.status()).as(edited.text()).isEqualTo(200);
    Answer submitted = json("partner.icb", "POST", "/api/agreements/" + IN_FORCE + "/submit", null);
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
    int version = submitted.body().get("currentVersion").asInt();
    String read = null;
    for (JsonNode v : submitted.body().get("versions")) {
      if (v.get("number").asInt() == version) {
        read = v.get("contentHash").asText();
      }
    }

    // the draft's title is nowhere on the public register
    assertThat(call(null, "GET", "/api/register", null, null).text())
        .isEqualTo(registerBefore)
        .doesNotContain("Amended without the trust");
    assertThat(call(null, "GET", "/register", null, null).text())
        .doesNotContain("Amended without the trust");

    for (String dpo : List.of("dpo.icb", "dpo.council")) {
      assertThat(
              json(
                      dpo,
                      "POST",
                      "/api/agreements/" + IN_FORCE + "/decisions",
                      Map.of("version", version, "contentHash", read, "outcome", "approve"))
                  .status())
          .isEqualTo(201);
    }
    JsonNode waiting = json("dpo.trust", "GET", "/api/agreements/" + IN_FORCE, null).body();
    assertThat(waiting.get("amendmentStatus").asText()).isEqualTo("SUBMITTED");
    assertThat(strings(waiting.get("allowed"))).contains("DECIDE");
    Answer rejected =
        json(
            "dpo.trust",
            "POST",
            "/api/agreements/" + IN_FORCE + "/decisions",
            Map.of(
                "version",
                version,
                "contentHash",
                read,
                "outcome",
                "reject",
                "reason",
                "We were not asked"));
    assertThat(rejected.status()).as(rejected.text()).isEqualTo(201);
    JsonNode after = json("dpo.trust", "GET", "/api/agreements/" + IN_FORCE, null).body();
    assertThat(after.get("amendmentStatus").asText()).isEqualTo("REJECTED");
    assertThat(after.get("versionInForce").asInt()).isEqualTo(version - 1);
    assertThat(call(null, "GET", "/api/register", null, null).text()).isEqualTo(registerBefore);
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  // ---------------------------------------------------------------- 5. self-certification

  @Test
  void dpo_recordsOnlyItsOwnOrganisationsAssurance_andCannotTakeAnothersNameOrDomain()
      throws Exception {
    String path = "/api/organisations/northshire-county-council";
    JsonNode council = json("dpo.council", "GET", path, null).body();
    ArrayNode assurances = json.createArrayNode();
    // the council's Cyber Essentials Plus, renewed: each scheme is recorded once
    council
        .get("assurances")
        .forEach(
            a -> {
              if (!"cyber-essentials-plus".equals(a.path("scheme").asText())) {
                assurances.add(a);
              }
            });
    assurances.add(
        json.createObjectNode()
            .put("scheme", "cyber-essentials-plus")
            .put("level", "Certified")
            .put("certificate", "IASME-CEP-000123")
            .put("validFrom", "2026-01-01")
            .put("validUntil", "2099-12-31"));

    // not through an edit of the organisation: assurance has its own audited operation
    ObjectNode certified = (ObjectNode) council.deepCopy();
    certified.set("assurances", assurances);
    Answer edit = json("dpo.council", "PUT", path, certified);
    assertRefused(edit, 403);
    assertThat(edit.text()).contains("/assurances");
    // never another organisation's
    Answer other =
        json(
            "dpo.trust",
            "PUT",
            "/api/organisations/northshire-county-council/assurances",
            assurances);
    assertRefused(other, 403);
    // the organisation's own DPO records it
    Answer recorded = json("dpo.council", "PUT", path + "/assurances", assurances);
    assertThat(recorded.status()).as(recorded.text()).isEqualTo(200);
    assertThat(recorded.text()).contains("IASME-CEP-000123");
    council = json("dpo.council", "GET", path, null).body();

    ObjectNode renamed = (ObjectNode) council.deepCopy();
    renamed.put("name", "Northshire NHS Foundation Trust");
    assertRefused(json("dpo.council", "PUT", path, renamed), 403);

    // not even the administrator can give two organisations one name or domain
    Answer clash = json("admin", "PUT", path, renamed);
    assertRefused(clash, 409);
    assertThat(clash.text()).contains("name");

    // the DPO may still correct the DPO's contact details
    ObjectNode contact = (ObjectNode) council.deepCopy();
    contact.put("dpoName", "Jo Bloggs");
    assertThat(json("dpo.council", "PUT", path, contact).status()).isEqualTo(200);
  }
}
