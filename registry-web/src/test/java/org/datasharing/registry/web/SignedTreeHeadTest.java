package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.common.Actor;
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

/**
 * The audit log's public checkpoints, checked as an outsider would: signed out, with a verifier
 * written here from RFC 9162 (section 2.1.4.2 for consistency, section 4.10 for the signed bytes)
 * and the JDK's Ed25519, not with the registry's own code.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SignedTreeHeadTest {
  static final String ICB = "northshire-integrated-care-board";
  static final String COUNCIL = "northshire-county-council";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HexFormat HEX = HexFormat.of();

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;
  @Autowired Registry registry;

  MockHttpServletResponse call(MockHttpServletRequestBuilder b) throws Exception {
    return mvc.perform(b).andReturn().getResponse();
  }

  JsonNode json(String path) throws Exception {
    MockHttpServletResponse r = call(get(path));
    assertThat(r.getStatus()).as(path).isEqualTo(200);
    return JSON.readTree(r.getContentAsString());
  }

  @Test
  void treeHead_isSignedByAPublishedKey_andConsistencyProofsHold_checkedIndependently()
      throws Exception {
    // the key was created on first start beside the data folder
    assertThat(Files.exists(dir.resolve("audit-signing-key.pem"))).isTrue();
    appendEvents(3);
    JsonNode first = json("/api/audit/tree-head");
    appendEvents(4);
    JsonNode second = json("/api/audit/tree-head");
    long m = first.get("treeSize").asLong();
    long n = second.get("treeSize").asLong();
    assertThat(n).isEqualTo(m + 4);

    JsonNode keys = json("/api/audit/keys");
    assertThat(keys).hasSize(1);
    JsonNode key = keys.get(0);
    assertThat(key.get("status").asText()).isEqualTo("current");
    byte[] spki = Base64.getDecoder().decode(key.get("publicKey").asText());
    assertThat(HEX.formatHex(sha256(spki))).isEqualTo(key.get("keyId").asText());
    assertThat(key.get("pem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
    PublicKey publicKey =
        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));

    for (JsonNode head : List.of(first, second)) {
      assertThat(head.get("keyId").asText()).isEqualTo(key.get("keyId").asText());
      assertThat(head.get("algorithm").asText()).isEqualTo("Ed25519");
      assertThat(HEX.formatHex(Base64.getDecoder().decode(head.get("rootHash").asText())))
          .isEqualTo(head.get("rootHashHex").asText());
      assertThat(verifySignature(publicKey, head, head.get("treeSize").asLong())).isTrue();
    }
    // tampering with the size (or the time) breaks the signature
    assertThat(verifySignature(publicKey, second, n + 1)).isFalse();
    assertThat(verifySignature(publicKey, second, m)).isFalse();

    // the consistency proof between the two signed heads, against their signed roots
    JsonNode proof = json("/api/audit/consistency?first=" + m + "&second=" + n);
    byte[] firstRoot = root(first);
    byte[] secondRoot = root(second);
    List<byte[]> path = hashes(proof.get("consistencyPath"));
    assertThat(HEX.formatHex(firstRoot)).isEqualTo(proof.get("firstRootHash").asText());
    assertThat(HEX.formatHex(secondRoot)).isEqualTo(proof.get("secondRootHash").asText());
    assertThat(verifyConsistency(m, n, firstRoot, secondRoot, path)).isTrue();
    // a wrong root or a changed path fails (a wrong size may share a path's shape: the sizes are
    // bound by the signatures above, which fail for any other size)
    assertThat(verifyConsistency(m, n, secondRoot, secondRoot, path)).isFalse();
    assertThat(verifyConsistency(m, n, firstRoot, firstRoot, path)).isFalse();
    assertThat(verifyConsistency(m, n, firstRoot, secondRoot, path.subList(1, path.size())))
        .isFalse();
    List<byte[]> altered = new ArrayList<>(path);
    altered.set(0, sha256(altered.get(0)));
    assertThat(verifyConsistency(m, n, firstRoot, secondRoot, altered)).isFalse();

    // every pair of sizes, powers of two and not, up to the signed head
    for (long a = 1; a < n; a++) {
      for (long b = a + 1; b <= n; b++) {
        JsonNode p = json("/api/audit/consistency?first=" + a + "&second=" + b);
        assertThat(
                verifyConsistency(
                    a,
                    b,
                    HEX.parseHex(p.get("firstRootHash").asText()),
                    HEX.parseHex(p.get("secondRootHash").asText()),
                    hashes(p.get("consistencyPath"))))
            .as("consistency %d -> %d", a, b)
            .isTrue();
      }
    }
    assertThat(
            json("/api/audit/consistency?first=" + n + "&second=" + n)
                .get("secondRootHash")
                .asText())
        .isEqualTo(second.get("rootHashHex").asText());
  }

  @Test
  void registerPage_showsTheCurrentTreeHead_signedOut() throws Exception {
    appendEvents(1);
    JsonNode head = json("/api/audit/tree-head");
    MockHttpServletResponse page = call(get("/register").accept("text/html"));
    assertThat(page.getStatus()).isEqualTo(200);
    assertThat(page.getContentAsString())
        .contains("Audit log checkpoint")
        .contains(">" + head.get("treeSize").asText() + "<")
        .contains(head.get("rootHashHex").asText())
        .contains(head.get("keyId").asText());
  }

  @Test
  void consistency_isRefused422NamingTheParameter_whenOutOfRange() throws Exception {
    appendEvents(2);
    long size = json("/api/audit/tree-head").get("treeSize").asLong();
    Map<String, String> cases =
        Map.of(
            "first=0&second=1",
            "first",
            "first=" + (size + 1) + "&second=" + (size + 1),
            "first",
            "first=2&second=1",
            "second",
            "first=1&second=" + (size + 1),
            "second",
            "first=one&second=2",
            "first",
            "first=1&second=-3",
            "second");
    for (var c : cases.entrySet()) {
      MockHttpServletResponse r = call(get("/api/audit/consistency?" + c.getKey()));
      assertThat(r.getStatus()).as(c.getKey()).isEqualTo(422);
      assertThat(r.getContentType()).startsWith("application/problem+json");
      assertThat(r.getContentAsString()).contains("\"field\":\"" + c.getValue() + "\"");
    }
  }

  @Test
  void restOfTheAuditApi_staysForAuditors() throws Exception {
    assertThat(call(get("/api/audit/events")).getStatus()).isEqualTo(401);
    assertThat(call(get("/api/audit/verify")).getStatus()).isEqualTo(401);
    assertThat(call(get("/api/audit/proofs/consistency?from=1&to=1")).getStatus()).isEqualTo(401);
  }

  // --- an outsider's verifier, from the RFC's text ---

  /** RFC 9162 section 4.10 TreeHeadDataV2: timestamp, tree_size, root_hash<32>, extensions<0>. */
  static boolean verifySignature(PublicKey key, JsonNode head, long claimedSize) throws Exception {
    byte[] root = root(head);
    byte[] data =
        ByteBuffer.allocate(51)
            .putLong(head.get("timestamp").asLong())
            .putLong(claimedSize)
            .put((byte) root.length)
            .put(root)
            .putShort((short) 0)
            .array();
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(key);
    s.update(data);
    return s.verify(Base64.getDecoder().decode(head.get("signature").asText()));
  }

  /** RFC 9162 section 2.1.4.2, step by step. */
  static boolean verifyConsistency(
      long first, long second, byte[] firstHash, byte[] secondHash, List<byte[]> proof)
      throws Exception {
    if (first < 1 || first >= second) {
      return false;
    }
    // 1. an empty path fails
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    // 2. first an exact power of 2: prepend first_hash
    if (Long.bitCount(first) == 1) {
      path.add(0, firstHash);
    }
    // 3.
    long fn = first - 1;
    long sn = second - 1;
    // 4. while LSB(fn) is set, shift both
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    // 5.
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    // 6.
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(c, fr);
        sr = node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    // 7.
    return MessageDigest.isEqual(fr, firstHash) && MessageDigest.isEqual(sr, secondHash) && sn == 0;
  }

  static byte[] node(byte[] left, byte[] right) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update((byte) 0x01);
    md.update(left);
    return md.digest(right);
  }

  static byte[] sha256(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }

  static byte[] root(JsonNode head) {
    return Base64.getDecoder().decode(head.get("rootHash").asText());
  }

  static List<byte[]> hashes(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    array.forEach(h -> out.add(HEX.parseHex(h.asText())));
    return out;
  }

  private int drafts;

  /** Audited writes through the real services: each new draft is one event. */
  void appendEvents(int count) {
    Actor partner = new Actor("p-icb", "partner.icb", Optional.of(ICB), Set.of(Actor.Role.PARTNER));
    String dataset = registry.catalog().list(partner).get(0).id();
    long before = registry.auditTrail().head().size();
    for (int i = 0; i < count; i++) {
      String id = "dsa-tree-head-" + System.nanoTime() + "-" + drafts++;
      Map<String, Object> fields =
          new java.util.LinkedHashMap<>(
              ApiFlowIntegrationTest.fields(
                  dataset, registry.catalog().find(dataset).orElseThrow().dataItems(), true));
      registry
          .agreements()
          .createDraft(
              partner,
              Optional.of(id),
              new AgreementContent(
                  fields,
                  List.of(
                      ApiFlowIntegrationTest.party(ICB), ApiFlowIntegrationTest.named(COUNCIL))))
          .orElseThrow();
    }
    assertThat(registry.auditTrail().head().size()).isEqualTo(before + count);
  }
}
