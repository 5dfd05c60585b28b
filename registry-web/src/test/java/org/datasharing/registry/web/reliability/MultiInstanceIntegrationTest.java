package org.datasharing.registry.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.datasharing.registry.core.audit.MerkleTree;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.datasharing.registry.web.pages.KeycloakRedirects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Past one machine, with real processes: Apache Jena Fuseki ({@code jena-fuseki-server} with the
 * deployment's {@code docker/fuseki/config.ttl}), two registry instances as separate processes on
 * it ({@code registry.store.mode=remote}, one shared signing key), and {@code redis-server} for
 * their page sessions. Concurrent decisions sent to both instances lose nothing and approve each
 * agreement exactly once, and the audit log both instances wrote verifies, with proofs that check;
 * a browser signed in through A is signed in on B; killing B with SIGKILL in the middle of a load
 * loses no acknowledged change.
 *
 * <p>The issuer is the real Keycloak ({@link SharedKeycloak}, the sample realm): the API calls
 * carry its password-grant tokens of the sample users, and the browser signs in on Keycloak's login
 * page, both instances being clients {@code registry-web} with the realm's secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceIntegrationTest {
  @TempDir static Path dir;
  static RedisServer redis;
  static FusekiProcess fuseki;
  static ChildRegistry a;
  static ChildRegistry b;

  @BeforeAll
  static void start() throws Exception {
    SharedKeycloak.get();
    redis = new RedisServer(dir.resolve("redis.log")).start();
    fuseki = new FusekiProcess(dir.resolve("fuseki")).start();
    a = instance("a");
    b = instance("b");
    // one after the other: the first writes the sample data and creates the shared signing key
    long startA = a.start();
    long startB = b.start();
    System.out.printf("multi-instance: start-up ms A %d, B %d%n", startA, startB);
    for (ChildRegistry child : List.of(a, b)) {
      KeycloakRedirects.allow(SharedKeycloak.get(), child.base());
    }
  }

  private static ChildRegistry instance(String name) {
    return new ChildRegistry(
        // the same folder for both: in remote mode it holds only the audit signing key, beside it
        dir.resolve("shared").resolve("store"),
        dir.resolve(name + ".log"),
        SharedKeycloak.issuerUri(),
        List.of(
            ChildRegistry.SAMPLE_REALM_WEB_CLIENT_SECRET,
            "--registry.store.mode=remote",
            "--registry.store.remote-url=" + fuseki.datasetUrl(),
            "--registry.sessions.store=redis",
            "--spring.data.redis.host=127.0.0.1",
            "--spring.data.redis.port=" + redis.port()));
  }

  @AfterAll
  static void stop() throws Exception {
    for (ChildRegistry child : new ChildRegistry[] {a, b}) {
      if (child != null) {
        child.stop();
      }
    }
    for (AutoCloseable c : new AutoCloseable[] {fuseki, redis}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  @Order(1)
  void browserSignedInThroughA_isSignedInOnB() throws Exception {
    PageBrowser browser = new PageBrowser();
    HttpResponse<String> callback = browser.signIn(a.base(), "dpo.trust");
    assertThat(callback.statusCode()).isEqualTo(302);
    HttpResponse<String> onB = browser.get(b.base() + "/account/notifications");
    assertThat(onB.statusCode()).isEqualTo(200);
    assertThat(onB.body()).contains("dpo.trust");
    assertThat(new PageBrowser().get(b.base() + "/account/notifications").statusCode())
        .as("signed out, the same page asks for sign-in")
        .isEqualTo(302);
  }

  @Test
  @Order(2)
  void concurrentDecisionsThroughBothInstances_loseNothing_approveOnce_andTheLogVerifies()
      throws Exception {
    Workload onA = new Workload(SampleUser::keycloakToken);
    onA.target(a.base());
    Workload onB = new Workload(SampleUser::keycloakToken);
    onB.target(b.base());
    JsonNode headBefore =
        onA.send(SampleUser.AUDITOR, "GET", "/api/audit/tree-head", null, null).body();

    List<SampleUser> dpos =
        List.of(SampleUser.DPO_COUNCIL, SampleUser.DPO_TRUST, SampleUser.DPO_ICB);
    int agreements = 4;
    Map<String, String> hashes = new ConcurrentHashMap<>();
    for (int i = 0; i < agreements; i++) {
      String id = "dsa-multi-" + i;
      assertThat(onA.sendDraft(id).status()).isEqualTo(201);
      Workload.Answer submitted =
          onB.send(SampleUser.PARTNER_ICB, "POST", "/api/agreements/" + id + "/submit", null, null);
      assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(200);
      hashes.put(id, submitted.body().at("/versions/0/contentHash").asText());
    }

    // every DPO sends its approval of every agreement to both instances at the same moment
    record Sent(String agreement, String dpo, String instance, int status) {}
    List<Future<Sent>> answers = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    CountDownLatch go = new CountDownLatch(1);
    for (String id : hashes.keySet()) {
      for (SampleUser dpo : dpos) {
        for (Workload w : List.of(onA, onB)) {
          answers.add(
              pool.submit(
                  () -> {
                    go.await();
                    Map<String, Object> decision =
                        Map.of("version", 1, "contentHash", hashes.get(id), "outcome", "approve");
                    int status =
                        w.send(dpo, "POST", "/api/agreements/" + id + "/decisions", decision, null)
                            .status();
                    return new Sent(id, dpo.username(), w == onA ? "a" : "b", status);
                  }));
        }
      }
    }
    go.countDown();
    List<Sent> sent = new ArrayList<>();
    for (Future<Sent> f : answers) {
      sent.add(f.get(120, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(sent).as("no server error").allMatch(s -> s.status() < 500);
    for (String id : hashes.keySet()) {
      for (SampleUser dpo : dpos) {
        List<Sent> pair =
            sent.stream()
                .filter(s -> s.agreement().equals(id) && s.dpo().equals(dpo.username()))
                .toList();
        assertThat(pair.stream().filter(s -> s.status() == 201).count())
            .as("%s by %s: one of the two sends is recorded, the other refused: %s", id, dpo, pair)
            .isEqualTo(1);
        assertThat(pair.stream().filter(s -> s.status() == 409).count()).isEqualTo(1);
      }
      for (Workload w : List.of(onA, onB)) {
        JsonNode agreement =
            w.send(SampleUser.DPO_COUNCIL, "GET", "/api/agreements/" + id, null, null).body();
        assertThat(agreement.get("status").asText()).isEqualTo("APPROVED");
        assertThat(agreement.get("decisions").findValuesAsString("organisation"))
            .containsExactlyInAnyOrder(Workload.COUNCIL, Workload.TRUST, Workload.ICB);
      }
      JsonNode events =
          onB.send(
                  SampleUser.AUDITOR,
                  "GET",
                  "/api/audit/events?size=100&agreement=" + id,
                  null,
                  null)
              .body()
              .get("events");
      List<JsonNode> decides = new ArrayList<>();
      events.forEach(
          e -> {
            if (e.get("action").asText().equals("Decide")) {
              decides.add(e);
            }
          });
      assertThat(decides).as("%s: one Decide event per party", id).hasSize(3);
      List<JsonNode> approving =
          decides.stream()
              .filter(e -> e.path("detail").asText("").contains("agreement now APPROVED"))
              .toList();
      assertThat(approving).as("%s: exactly one transition to APPROVED", id).hasSize(1);
      inclusionProofChecks(onA, approving.get(0).get("id").asText());
    }

    // the log both instances appended to verifies, read through either
    for (Workload w : List.of(onA, onB)) {
      JsonNode verified = w.send(SampleUser.AUDITOR, "GET", "/api/audit/verify", null, null).body();
      assertThat(verified.get("intact").asBoolean()).as("%s", verified).isTrue();
    }
    // and the tree head now extends, unchanged, the one from before the decisions
    JsonNode headAfter =
        onB.send(SampleUser.AUDITOR, "GET", "/api/audit/tree-head", null, null).body();
    long first = headBefore.get("treeSize").asLong();
    long second = headAfter.get("treeSize").asLong();
    assertThat(second).isGreaterThanOrEqualTo(first + agreements * 5L);
    JsonNode consistency =
        onA.send(
                SampleUser.AUDITOR,
                "GET",
                "/api/audit/consistency?first=" + first + "&second=" + second,
                null,
                null)
            .body();
    assertThat(consistency.get("firstRootHash").asText())
        .isEqualTo(headBefore.get("rootHashHex").asText());
    assertThat(consistency.get("secondRootHash").asText())
        .isEqualTo(headAfter.get("rootHashHex").asText());
    assertThat(
            MerkleTree.verifyConsistency(
                first,
                second,
                hex(consistency.get("firstRootHash").asText()),
                hex(consistency.get("secondRootHash").asText()),
                hexes(consistency.get("consistencyPath"))))
        .isTrue();
  }

  private static void inclusionProofChecks(Workload w, String eventId) throws Exception {
    String id = eventId.substring(eventId.lastIndexOf('/') + 1);
    JsonNode proof =
        w.send(SampleUser.AUDITOR, "GET", "/api/audit/proofs/inclusion/" + id, null, null).body();
    assertThat(
            MerkleTree.verifyInclusion(
                hex(proof.get("leafHash").asText()),
                proof.get("leafIndex").asLong(),
                proof.get("treeSize").asLong(),
                hexes(proof.get("auditPath")),
                hex(proof.get("rootHash").asText())))
        .as("inclusion proof of %s: %s", id, proof)
        .isTrue();
  }

  @Test
  @Order(3)
  void killingOneInstanceMidLoad_losesNoAcknowledgedChange_norAnyoneSignedIn() throws Exception {
    // a browser signed in through B, the instance about to die
    PageBrowser browser = new PageBrowser();
    assertThat(browser.signIn(b.base(), "dpo.icb").statusCode()).isEqualTo(302);
    Workload onA = new Workload(SampleUser::keycloakToken);
    onA.target(a.base());
    Workload onB = new Workload(SampleUser::keycloakToken);
    onB.target(b.base());
    AtomicBoolean runningA = new AtomicBoolean(true);
    AtomicBoolean runningB = new AtomicBoolean(true);
    AtomicInteger counter = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int c = 0; c < 2; c++) {
      clients.submit(
          () -> {
            while (runningA.get()) {
              onA.agreement("dsa-load-a-" + counter.incrementAndGet());
            }
          });
      clients.submit(
          () -> {
            while (runningB.get()) {
              onB.agreement("dsa-load-b-" + counter.incrementAndGet());
            }
          });
    }
    // B dies with SIGKILL once both have acknowledged some work, in the middle of more
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((onA.acks.get() < 10 || onB.acks.get() < 10) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    b.kill();
    runningB.set(false);
    // A goes on serving while B is gone
    long afterKill = onA.acks.get();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (onA.acks.get() < afterKill + 10 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    runningA.set(false);
    clients.shutdown();
    assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

    assertThat(onB.acks.get()).as("B acknowledged work before it was killed").isPositive();
    assertThat(onA.acks.get()).as("A went on after B was killed").isGreaterThan(afterKill);
    assertThat(onA.unexpected.get()).as("5xx from A: %s", onA.surprises).isZero();

    // every change either instance acknowledged is in the store and in the log, read through A
    List<String> lost = new ArrayList<>();
    for (Workload w : List.of(onA, onB)) {
      for (Map.Entry<String, List<String>> e : w.acknowledged.entrySet()) {
        List<String> acked = List.copyOf(e.getValue());
        if (acked.isEmpty()) {
          continue;
        }
        String id = e.getKey();
        Workload.Answer stored =
            onA.send(SampleUser.DPO_COUNCIL, "GET", "/api/agreements/" + id, null, null);
        if (stored.status() != 200) {
          lost.add(id + ": acknowledged " + acked + " but answers " + stored.status());
          continue;
        }
        long decided = acked.stream().filter("Decide"::equals).count();
        int decisions = stored.body().path("decisions").size();
        if (decisions < decided) {
          lost.add(id + ": " + decided + " decisions acknowledged, " + decisions + " stored");
        }
        String status = stored.body().get("status").asText();
        if (decided == 3 && !status.equals("APPROVED")) {
          lost.add(id + ": approved by all three, stored as " + status);
        }
        if (acked.contains("Submit") && status.equals("DRAFT")) {
          lost.add(id + ": submission acknowledged, stored as DRAFT");
        }
        JsonNode events =
            onA.send(
                    SampleUser.AUDITOR,
                    "GET",
                    "/api/audit/events?size=100&agreement=" + id,
                    null,
                    null)
                .body()
                .get("events");
        for (String action : List.of("Create", "Edit", "Submit", "Decide")) {
          long inLog = 0;
          for (JsonNode ev : events) {
            if (ev.get("action").asText().equals(action)) {
              inLog++;
            }
          }
          long ackedOf = acked.stream().filter(action::equals).count();
          if (inLog < ackedOf) {
            lost.add(id + ": " + ackedOf + " " + action + " acknowledged, " + inLog + " audited");
          }
        }
      }
    }
    assertThat(lost).isEmpty();
    // B's death signed nobody out: the browser's session is in Redis, and A serves it
    HttpResponse<String> onA2 = browser.get(a.base() + "/account/notifications");
    assertThat(onA2.statusCode()).isEqualTo(200);
    assertThat(onA2.body()).contains("dpo.icb");
    JsonNode verified = onA.send(SampleUser.AUDITOR, "GET", "/api/audit/verify", null, null).body();
    assertThat(verified.get("intact").asBoolean()).as("%s", verified).isTrue();
    System.out.printf(
        "multi-instance: %d acknowledged through A, %d through B before its SIGKILL%n",
        onA.acks.get(), onB.acks.get());
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static List<byte[]> hexes(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    array.forEach(n -> out.add(hex(n.asText())));
    return out;
  }
}
