package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The whole API flow against the real Keycloak dev service, with real tokens from the registry-cli
 * client: a partner drafts an agreement between the ICB, the council and the trust; a missing field
 * is refused naming it; each DPO approves; the auditor reads the audit trail and verifies the log;
 * a DPO of a non-party organisation is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class ApiFlowIntegrationTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    SharedKeycloak.register(r);
  }

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  record Answer(int status, JsonNode body) {}

  Answer call(String user, String method, String path, Object body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (user != null) {
      b.header("Authorization", "Bearer " + SharedKeycloak.token(user));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body().isBlank() ? null : json.readTree(r.body()));
  }

  static final String ICB = "northshire-integrated-care-board";
  static final String COUNCIL = "northshire-county-council";
  static final String TRUST = "northshire-nhs-foundation-trust";

  /** A party of a complete agreement (other tests draft with it too). */
  public static Map<String, Object> party(String org) {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("organisation", org);
    p.put("role", "controller");
    p.put("lawfulBasis", "public-task");
    p.put("statutoryPower", "NHS Act 2006 s.82; Care Act 2014 s.6");
    p.put("contactName", "IG lead");
    p.put("contactEmail", "ig@" + org + ".example");
    p.put("specialCategoryCondition", "health-or-social-care");
    p.put("schedule1Condition", "health-or-social-care-purposes");
    // health and care parties disclosing health data meet the common law duty of confidence
    p.put("confidentialityBasis", "implied-consent-individual-care");
    p.put("nationalDataOptOut", false);
    p.put(
        "nationalDataOptOutReason",
        "Shared for individual care: the national data opt-out does not apply.");
    return p;
  }

  /**
   * A party named by the drafter: who it is and its role. Its answers are its own staff's to give.
   */
  public static Map<String, Object> named(String org) {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("organisation", org);
    p.put("role", "controller");
    return p;
  }

  /** The fields of a complete agreement sharing the dataset and some of the items it holds. */
  public static Map<String, Object> fields(
      String dataset, List<String> items, boolean withSanctions) {
    Map<String, Object> f = new java.util.LinkedHashMap<>();
    f.put("title", "Integrated discharge planning");
    f.put("purposes", List.of("direct-care"));
    f.put("purposeDescription", "Plan safe discharge from hospital.");
    f.put("benefits", "Fewer delayed discharges.");
    f.put("datasets", List.of(dataset));
    f.put("dataItems", items);
    f.put("minimisationJustification", "Only what discharge planning needs.");
    f.put("personalDataCategories", List.of("health"));
    f.put("dataSubjectCategories", List.of("patients"));
    f.put("specialCategoryData", true);
    f.put("criminalOffenceData", false);
    f.put("accessArrangements", "Discharge coordinators only.");
    f.put("sharingMethod", "Daily secure transfer.");
    f.put("dataSubjectRightsProcedure", "Forwarded to the DPO within 2 days.");
    f.put("singlePointOfContact", "dpo@northshire-icb.example");
    f.put("transparencyArrangements", "Privacy notices updated.");
    f.put("securityMeasures", "Encryption in transit and at rest.");
    f.put("accuracyArrangements", "Corrections re-sent from source.");
    f.put("commonFormats", "CSV to an agreed schema.");
    f.put("retentionPeriod", "P2Y");
    f.put("deletionArrangements", "Secure deletion, confirmed in writing.");
    f.put("dpiaReference", "DPIA-2026-031");
    f.put("dpiaDate", "2026-10-01");
    f.put("dpiaOutcome", "no-high-risk");
    f.put("onwardDisclosure", "No onward disclosure unless the law requires it.");
    f.put("internationalTransfer", "none");
    f.put("startDate", "2027-01-01");
    f.put("reviewDate", "2027-07-01");
    f.put("terminationArrangements", "Three months' notice.");
    if (withSanctions) {
      f.put("sanctions", "Access suspended on breach.");
    }
    f.put("seniorSignOff", "Chief Nursing Officer");
    f.put("successMeasures", "Discharge delays down 20%.");
    return f;
  }

  @Test
  void partnerDrafts_dposApprove_auditorVerifies_withRealKeycloakTokens() throws Exception {
    Answer datasets = call("partner.icb", "GET", "/api/datasets", null);
    assertThat(datasets.status()).isEqualTo(200);
    // a search result: ranked items, each with its dataset
    String dataset = datasets.body().at("/items/0/dataset/id").asText();
    List<String> items = new java.util.ArrayList<>();
    datasets.body().at("/items/0/dataset/dataItems").forEach(i -> items.add(i.asText()));
    List<Map<String, Object>> parties = List.of(party(ICB), party(COUNCIL), party(TRUST));

    Answer draft =
        call(
            "partner.icb",
            "POST",
            "/api/agreements",
            Map.of(
                "id",
                "dsa-flow",
                "fields",
                fields(dataset, items, false),
                "parties",
                List.of(party(ICB), named(COUNCIL), named(TRUST))));
    assertThat(draft.status()).isEqualTo(201);
    // each party answers for itself: the council's and the trust's own staff give their answers
    assertThat(
            call(
                    "partner.council",
                    "PUT",
                    "/api/agreements/dsa-flow",
                    Map.of(
                        "fields",
                        fields(dataset, items, false),
                        "parties",
                        List.of(party(ICB), party(COUNCIL), named(TRUST))))
                .status())
        .isEqualTo(200);
    assertThat(
            call(
                    "dpo.trust",
                    "PUT",
                    "/api/agreements/dsa-flow",
                    Map.of("fields", fields(dataset, items, false), "parties", parties))
                .status())
        .isEqualTo(200);

    Answer incomplete = call("partner.icb", "POST", "/api/agreements/dsa-flow/submit", null);
    assertThat(incomplete.status()).isEqualTo(422);
    assertThat(incomplete.body().get("errors").findValuesAsString("field")).contains("sanctions");

    assertThat(
            call(
                    "partner.icb",
                    "PUT",
                    "/api/agreements/dsa-flow",
                    Map.of("fields", fields(dataset, items, true), "parties", parties))
                .status())
        .isEqualTo(200);
    Answer submitted = call("partner.icb", "POST", "/api/agreements/dsa-flow/submit", null);
    assertThat(submitted.status()).isEqualTo(200);
    assertThat(submitted.body().get("status").asText()).isEqualTo("SUBMITTED");

    // each DPO names the content hash of the text they read
    String read = submitted.body().get("versions").get(0).get("contentHash").asText();
    for (String dpo : List.of("dpo.council", "dpo.trust", "dpo.icb")) {
      Answer decided =
          call(
              dpo,
              "POST",
              "/api/agreements/dsa-flow/decisions",
              Map.of("version", 1, "contentHash", read, "outcome", "approve"));
      assertThat(decided.status()).as(dpo).isEqualTo(201);
    }
    Answer approved = call("dpo.council", "GET", "/api/agreements/dsa-flow", null);
    assertThat(approved.body().get("status").asText()).isEqualTo("APPROVED");
    String hash = approved.body().get("versions").get(0).get("contentHash").asText();
    assertThat(approved.body().get("decisions").findValuesAsString("contentHash"))
        .hasSize(3)
        .allMatch(hash::equals);
    assertThat(approved.body().get("decisions").findValuesAsString("organisation"))
        .containsExactlyInAnyOrder(ICB, COUNCIL, TRUST);

    Answer events = call("auditor", "GET", "/api/audit/events?size=20", null);
    assertThat(events.status()).isEqualTo(200);
    assertThat(events.body().get("events").findValuesAsString("action"))
        .contains("Create", "Edit", "Submit", "Decide");
    Answer verify = call("auditor", "GET", "/api/audit/verify", null);
    assertThat(verify.body().get("intact").asBoolean()).isTrue();
    assertThat(call("dpo.council", "GET", "/api/audit/verify", null).status()).isEqualTo(403);

    // a DPO whose organisation is not a party: the trust is not party to the council/carers draft
    Answer outsider =
        call(
            "dpo.trust",
            "POST",
            "/api/agreements/dsa-carers-support-referrals/decisions",
            Map.of("version", 1, "outcome", "approve"));
    assertThat(outsider.status()).isEqualTo(403);
    assertThat(call(null, "GET", "/api/agreements", null).status()).isEqualTo(401);
  }
}
