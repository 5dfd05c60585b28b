package org.datasharing.registry.web.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the driver sends and what the registry acknowledged: agreements drafted, edited, submitted
 * and decided by three DPOs, and catalogue imports of two datasets each, over HTTP with tokens of
 * several users. Only a 2xx answer counts as acknowledged; a request cut off by the kill does not.
 */
final class Workload {
  static final String ICB = "northshire-integrated-care-board";
  static final String COUNCIL = "northshire-county-council";
  static final String TRUST = "northshire-nhs-foundation-trust";

  private final Function<SampleUser, String> tokens;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile String base;

  /** Per agreement id, the audited actions acknowledged, in order. */
  final Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();

  /** Per import, its two dataset ids; and the imports acknowledged. */
  final Map<String, List<String>> imports = new ConcurrentHashMap<>();

  final Map<String, Boolean> importsAcknowledged = new ConcurrentHashMap<>();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong acks = new AtomicLong();
  final AtomicLong unexpected = new AtomicLong();
  final List<String> surprises = java.util.Collections.synchronizedList(new ArrayList<>());

  private String dataset;
  private List<String> items;

  /** {@code tokens}: a valid access token of a user (Keycloak's, or {@link TestIssuer#token}). */
  Workload(Function<SampleUser, String> tokens) {
    this.tokens = tokens;
  }

  void target(String base) throws IOException, InterruptedException {
    this.base = base;
    if (dataset == null) {
      JsonNode found = send(SampleUser.PARTNER_ICB, "GET", "/api/datasets", null, null).body();
      dataset = found.at("/items/0/dataset/id").asText();
      items = new ArrayList<>();
      found.at("/items/0/dataset/dataItems").forEach(i -> items.add(i.asText()));
    }
  }

  record Answer(int status, JsonNode body) {}

  Answer send(SampleUser user, String method, String path, Object body, String type)
      throws IOException, InterruptedException {
    String payload =
        body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + tokens.apply(user))
            .method(
                method,
                payload == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(payload));
    if (payload != null) {
      b.header("Content-Type", type == null ? "application/json" : type);
    }
    requests.incrementAndGet();
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode parsed = null;
    if (!r.body().isBlank() && (r.body().startsWith("{") || r.body().startsWith("["))) {
      parsed = json.readTree(r.body());
    }
    return new Answer(r.statusCode(), parsed);
  }

  /** Drafts one agreement (partner of the ICB), whatever the answer. */
  Answer sendDraft(String id) throws IOException, InterruptedException {
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("id", id);
    draft.put("fields", fields("Fewer delayed discharges."));
    draft.put("parties", List.of(party(ICB), named(COUNCIL), named(TRUST)));
    Answer created = send(SampleUser.PARTNER_ICB, "POST", "/api/agreements", draft, null);
    if (created.status() != 201) {
      return created;
    }
    // each other party gives its own answers (each party answers for itself)
    Map<String, Object> council = new LinkedHashMap<>();
    council.put("fields", fields("Fewer delayed discharges."));
    council.put("parties", List.of(party(ICB), party(COUNCIL), named(TRUST)));
    Answer edited = send(SampleUser.DPO_COUNCIL, "PUT", "/api/agreements/" + id, council, null);
    if (edited.status() != 200) {
      return edited;
    }
    Map<String, Object> trust = new LinkedHashMap<>();
    trust.put("fields", fields("Fewer delayed discharges."));
    trust.put("parties", List.of(party(ICB), party(COUNCIL), party(TRUST)));
    edited = send(SampleUser.DPO_TRUST, "PUT", "/api/agreements/" + id, trust, null);
    return edited.status() != 200 ? edited : created;
  }

  /** One agreement through its life; stops at the first failure (the kill). */
  void agreement(String id) {
    try {
      List<String> acked = new ArrayList<>();
      acknowledged.put(id, acked);
      Map<String, Object> draft = new LinkedHashMap<>();
      draft.put("id", id);
      draft.put("fields", fields("Fewer delayed discharges."));
      // the ICB names the other parties; each gives its own answers (each party answers for itself)
      draft.put("parties", List.of(party(ICB), named(COUNCIL), named(TRUST)));
      if (!ok(send(SampleUser.PARTNER_ICB, "POST", "/api/agreements", draft, null), 201, id)) {
        return;
      }
      acked.add("Create");
      Map<String, Object> council = new LinkedHashMap<>();
      council.put("fields", fields("Fewer delayed discharges (" + id + ")."));
      council.put("parties", List.of(party(ICB), party(COUNCIL), named(TRUST)));
      if (!ok(
          send(SampleUser.DPO_COUNCIL, "PUT", "/api/agreements/" + id, council, null), 200, id)) {
        return;
      }
      acked.add("Edit");
      Map<String, Object> trust = new LinkedHashMap<>();
      trust.put("fields", fields("Fewer delayed discharges (" + id + ")."));
      trust.put("parties", List.of(party(ICB), party(COUNCIL), party(TRUST)));
      if (!ok(send(SampleUser.DPO_TRUST, "PUT", "/api/agreements/" + id, trust, null), 200, id)) {
        return;
      }
      acked.add("Edit");
      Answer submitted =
          send(SampleUser.PARTNER_ICB, "POST", "/api/agreements/" + id + "/submit", null, null);
      if (!ok(submitted, 200, id)) {
        return;
      }
      acked.add("Submit");
      String hash = submitted.body().at("/versions/0/contentHash").asText();
      for (SampleUser dpo :
          List.of(SampleUser.DPO_COUNCIL, SampleUser.DPO_TRUST, SampleUser.DPO_ICB)) {
        Map<String, Object> decision =
            Map.of("version", 1, "contentHash", hash, "outcome", "approve");
        if (!ok(
            send(dpo, "POST", "/api/agreements/" + id + "/decisions", decision, null), 201, id)) {
          return;
        }
        acked.add("Decide");
      }
    } catch (IOException e) {
      // cut off by the kill: not acknowledged
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Imports two datasets in one file (all or nothing). */
  void importPair(String id) {
    List<String> ids = List.of(id + "-a", id + "-b");
    imports.put(id, ids);
    StringBuilder ttl =
        new StringBuilder(
            "@prefix dsr: <https://w3id.org/dsr#> .\n"
                + "@prefix dct: <http://purl.org/dc/terms/> .\n"
                + "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n");
    for (String d : ids) {
      ttl.append(
          """
          <http://localhost:8080/id/dataset/%1$s> a dcat:Dataset ;
            dct:identifier "%1$s" ;
            dct:title "Crash harness %2$s"@en ;
            dct:description "Bed state recorded by the crash harness, import %2$s."@en ;
            dct:publisher <http://localhost:8080/id/organisation/northshire-nhs-foundation-trust> ;
            dcat:theme <https://w3id.org/dsr/ref/theme/health-and-care> ;
            dcat:keyword "beds"@en ;
            dsr:personalDataCategory <https://w3id.org/dsr/ref/data-category/health> ;
            dsr:dataSubjectCategory <https://w3id.org/dsr/ref/data-subject/patients> ;
            dsr:specialCategoryData true ;
            dsr:criminalOffenceData false ;
            dsr:dataItem "Site" , "Date" ;
            dsr:sharingCondition <https://w3id.org/dsr/ref/sharing-condition/aggregate-only> ;
            dsr:discoverable true .
          """
              .formatted(d, d.replace('-', 'x')));
    }
    try {
      if (ok(
          send(SampleUser.ADMIN, "POST", "/api/datasets/import", ttl.toString(), "text/turtle"),
          200,
          id)) {
        importsAcknowledged.put(id, true);
      }
    } catch (IOException e) {
      // cut off by the kill
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean ok(Answer a, int expected, String what) {
    if (a.status() == expected) {
      acks.incrementAndGet();
      return true;
    }
    // a refusal stops this agreement or import; a server error is a crash symptom
    if (a.status() >= 500) {
      unexpected.incrementAndGet();
    }
    surprises.add(what + ": " + a.status() + " " + a.body());
    return false;
  }

  private Map<String, Object> fields(String benefits) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("title", "Crash harness discharge planning");
    f.put("purposes", List.of("direct-care"));
    f.put("purposeDescription", "Plan safe discharge from hospital.");
    f.put("benefits", benefits);
    f.put("datasets", List.of(dataset));
    f.put("dataItems", items.subList(0, Math.min(3, items.size())));
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
    f.put("sanctions", "Access suspended on breach.");
    f.put("seniorSignOff", "Chief Nursing Officer");
    f.put("successMeasures", "Discharge delays down 20%.");
    return f;
  }

  /** A party as its drafter names it: who it is and its role, none of its own answers. */
  private static Map<String, Object> named(String org) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("organisation", org);
    p.put("role", "controller");
    return p;
  }

  private static Map<String, Object> party(String org) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("organisation", org);
    p.put("role", "controller");
    p.put("lawfulBasis", "public-task");
    p.put("statutoryPower", "NHS Act 2006 s.82; Care Act 2014 s.6");
    p.put("contactName", "IG lead");
    p.put("contactEmail", "ig@" + org + ".example");
    p.put("specialCategoryCondition", "health-or-social-care");
    p.put("schedule1Condition", "health-or-social-care-purposes");
    p.put("confidentialityBasis", "implied-consent-individual-care");
    p.put("nationalDataOptOut", false);
    p.put(
        "nationalDataOptOutReason",
        "Shared for individual care: the national data opt-out does not apply.");
    return p;
  }
}
