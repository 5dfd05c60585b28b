package org.datasharing.registry.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceBundleTest {
  @TempDir Path dir;
  TestRegistry t;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void bundle_holdsTheGraphs_decisions_andEventsWithProofsThatVerify() throws Exception {
    var s = t.registry.agreements();
    var parties = List.of(TestRegistry.ICB, TestRegistry.COUNCIL);
    TestRegistry.draft(
            s,
            TestRegistry.partner(TestRegistry.ICB),
            java.util.Optional.of("dsa-evidence"),
            t.completeContent(parties))
        .orElseThrow();
    s.submit(TestRegistry.partner(TestRegistry.ICB), "dsa-evidence").orElseThrow();
    for (String org : parties) {
      TestRegistry.decide(
              s,
              TestRegistry.dpo(org),
              "dsa-evidence",
              1,
              AgreementService.Outcome.APPROVE,
              java.util.Optional.empty())
          .orElseThrow();
    }

    SigningKey key = SigningKey.generate();
    byte[] zip =
        t.registry
            .evidence(t.registry.treeHeads(key, List.of()))
            .export(TestRegistry.auditor(), "dsa-evidence")
            .orElseThrow();

    Map<String, String> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    // create, the council's own answers, submit, two decisions
    assertThat(files.keySet()).filteredOn(n -> n.startsWith("events/")).hasSize(5);
    files.keySet().removeIf(n -> n.startsWith("events/"));
    assertThat(files)
        .containsOnlyKeys(
            "agreement.trig",
            "audit-events.trig",
            "evidence.json",
            "tree-head.json",
            "registry-public-key.pem",
            "CHECKING.txt",
            "SUMMARY.txt");
    DatasetGraph agreement = DatasetGraphFactory.createTxnMem();
    RDFParser.fromString(files.get("agreement.trig"), Lang.TRIG).parse(agreement);
    assertThat(agreement.getGraph(t.registry.ids().agreement("dsa-evidence")).size())
        .isGreaterThan(50);

    JsonObject json = JSON.parse(files.get("evidence.json"));
    assertThat(json.get("decisions").getAsArray()).hasSize(2);
    var events = json.get("events").getAsArray();
    assertThat(events).hasSize(5);
    String root = json.get("treeHead").getAsObject().get("rootHash").getAsString().value();
    JsonObject signed = JSON.parse(files.get("tree-head.json"));
    assertThat(json.get("signedTreeHead")).isEqualTo(signed);
    assertThat(signed.get("rootHashHex").getAsString().value()).isEqualTo(root);
    SignedTreeHead head =
        new SignedTreeHead(
            signed.get("treeSize").getAsNumber().value().longValue(),
            MerkleTree.unhex(root),
            java.time.Instant.ofEpochMilli(
                signed.get("timestamp").getAsNumber().value().longValue()),
            signed.get("keyId").getAsString().value(),
            java.util.Base64.getDecoder().decode(signed.get("signature").getAsString().value()));
    PublishedKey published = PublishedKey.fromPem(files.get("registry-public-key.pem"), true);
    assertThat(published.keyId()).isEqualTo(key.publicKey().keyId());
    assertThat(head.verifiedBy(published)).isTrue();
    assertThat(files.get("CHECKING.txt")).contains(key.publicKey().keyId()).contains(root);
    for (JsonValue ev : events) {
      JsonObject proof = ev.getAsObject().get("inclusionProof").getAsObject();
      List<byte[]> path =
          proof.get("auditPath").getAsArray().stream()
              .map(v -> MerkleTree.unhex(v.getAsString().value()))
              .toList();
      assertThat(
              MerkleTreeTest.refVerifyInclusion(
                  MerkleTree.unhex(proof.get("leafHash").getAsString().value()),
                  proof.get("leafIndex").getAsNumber().value().longValue(),
                  proof.get("treeSize").getAsNumber().value().longValue(),
                  path,
                  MerkleTree.unhex(root)))
          .isTrue();
    }
    assertThat(files.get("SUMMARY.txt"))
        .contains("dsa-evidence")
        .contains("verified intact")
        .contains("APPROVE");
  }

  @Test
  void bundle_isOnlyForAuditors() {
    var bundles = t.registry.evidence(t.registry.treeHeads(SigningKey.generate(), List.of()));
    Result<byte[]> r =
        bundles.export(TestRegistry.dpo(TestRegistry.COUNCIL), "dsa-hospital-discharge");
    assertThat(r.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(bundles.export(TestRegistry.auditor(), "no-such").failure())
        .isEqualTo(Result.Failure.NOT_FOUND);
  }
}
