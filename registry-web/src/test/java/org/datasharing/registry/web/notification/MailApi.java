package org.datasharing.registry.web.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The registry's API with real tokens, and the messages a real GreenMail received. */
final class MailApi {
  static final String ICB = "northshire-integrated-care-board";
  static final String COUNCIL = "northshire-county-council";
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final String DPO_COUNCIL = "priya.raman@northshire-cc.example";
  static final String DPO_TRUST = "gareth.mills@northshire-nft.example";
  static final String DPO_ICB = "fiona.adeyemi@northshire-icb.example";
  static final String AUTHOR = "samir.okafor@northshire-icb.example";

  final int port;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  MailApi(int port) {
    this.port = port;
  }

  record Answer(int status, JsonNode body) {}

  /** One received message, as its recipient sees it. */
  record Mail(String to, String subject, String body, String messageId) {}

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

  /** Drafts and submits an agreement between the ICB, the council and the trust; its hash. */
  String submitted(String id, String title, Map<String, Object> dates) throws Exception {
    JsonNode datasets = call("partner.icb", "GET", "/api/datasets", null).body();
    String dataset = datasets.at("/items/0/dataset/id").asText();
    List<String> items = new java.util.ArrayList<>();
    datasets.at("/items/0/dataset/dataItems").forEach(i -> items.add(i.asText()));
    Map<String, Object> fields = new java.util.LinkedHashMap<>(fields(dataset, items));
    fields.put("title", title);
    fields.putAll(dates);
    Answer draft =
        call(
            "partner.icb",
            "POST",
            "/api/agreements",
            Map.of(
                "id",
                id,
                "fields",
                fields,
                "parties",
                List.of(party(ICB), named(COUNCIL), named(TRUST))));
    assertThat(draft.status()).as("draft %s", draft.body()).isEqualTo(201);
    // each party answers for itself: the council's and the trust's DPOs give their own answers
    Map<String, List<Map<String, Object>>> answers = new java.util.LinkedHashMap<>();
    answers.put("dpo.council", List.of(party(ICB), party(COUNCIL), named(TRUST)));
    answers.put("dpo.trust", List.of(party(ICB), party(COUNCIL), party(TRUST)));
    for (var own : answers.entrySet()) {
      Answer answered =
          call(
              own.getKey(),
              "PUT",
              "/api/agreements/" + id,
              Map.of("fields", fields, "parties", own.getValue()));
      assertThat(answered.status())
          .as("%s answers %s", own.getKey(), answered.body())
          .isEqualTo(200);
    }
    Answer submitted = call("partner.icb", "POST", "/api/agreements/" + id + "/submit", null);
    assertThat(submitted.status()).as("submit %s", submitted.body()).isEqualTo(200);
    return submitted.body().get("versions").get(0).get("contentHash").asText();
  }

  Answer decide(String dpo, String id, String hash, String outcome, String reason)
      throws Exception {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("version", 1);
    body.put("contentHash", hash);
    body.put("outcome", outcome);
    if (reason != null) {
      body.put("reason", reason);
    }
    Answer a = call(dpo, "POST", "/api/agreements/" + id + "/decisions", body);
    assertThat(a.status()).as("%s decides %s", dpo, a.body()).isEqualTo(201);
    return a;
  }

  void approvedByAll(String id, String title, Map<String, Object> dates) throws Exception {
    String hash = submitted(id, title, dates);
    for (String dpo : List.of("dpo.council", "dpo.trust", "dpo.icb")) {
      decide(dpo, id, hash, "approve", null);
    }
  }

  /** A party as its drafter names it: who it is and its role. */
  static Map<String, Object> named(String org) {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("organisation", org);
    p.put("role", "controller");
    return p;
  }

  /** A party as the API flow test writes one (the data-protection rules' fields included). */
  static Map<String, Object> party(String org) {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
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

  static Map<String, Object> fields(String dataset, List<String> items) {
    Map<String, Object> f = new java.util.LinkedHashMap<>();
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
    f.put("sanctions", "Access suspended on breach.");
    f.put("seniorSignOff", "Chief Nursing Officer");
    f.put("successMeasures", "Discharge delays down 20%.");
    return f;
  }

  /** Waits until {@code count} messages whose subject starts so have arrived; returns them. */
  static List<Mail> await(Supplier<MimeMessage[]> greenMail, String subjectStart, int count)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<Mail> found = List.of();
    while (System.nanoTime() < until) {
      found =
          received(greenMail).stream().filter(m -> m.subject().startsWith(subjectStart)).toList();
      if (found.size() >= count) {
        Thread.sleep(1500); // and no more than that: nothing is sent twice
        return received(greenMail).stream()
            .filter(m -> m.subject().startsWith(subjectStart))
            .toList();
      }
      Thread.sleep(200);
    }
    return found;
  }

  static List<Mail> received(Supplier<MimeMessage[]> greenMail) {
    return Arrays.stream(greenMail.get()).map(MailApi::mail).toList();
  }

  private static Mail mail(MimeMessage m) {
    try {
      Address[] to = m.getRecipients(jakarta.mail.Message.RecipientType.TO);
      return new Mail(to[0].toString(), m.getSubject(), GreenMailUtil.getBody(m), m.getMessageID());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
