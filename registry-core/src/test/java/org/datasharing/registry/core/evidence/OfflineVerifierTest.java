package org.datasharing.registry.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.audit.SigningKey;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier on a bundle the real code produced, intact and tampered with. */
class OfflineVerifierTest {
  @TempDir Path dir;
  TestRegistry t;
  SigningKey key;
  Map<String, byte[]> bundle;

  @BeforeEach
  void setUp() throws IOException {
    t = new TestRegistry(dir.resolve("store"));
    var s = t.registry.agreements();
    var parties = List.of(TestRegistry.ICB, TestRegistry.COUNCIL);
    TestRegistry.draft(
            s,
            TestRegistry.partner(TestRegistry.ICB),
            Optional.of("dsa-offline"),
            t.completeContent(parties))
        .orElseThrow();
    s.submit(TestRegistry.partner(TestRegistry.ICB), "dsa-offline").orElseThrow();
    for (String org : parties) {
      TestRegistry.decide(
              s,
              TestRegistry.dpo(org),
              "dsa-offline",
              1,
              AgreementService.Outcome.APPROVE,
              Optional.empty())
          .orElseThrow();
    }
    key = SigningKey.generate();
    byte[] zip =
        t.registry
            .evidence(t.registry.treeHeads(key, List.of()))
            .export(TestRegistry.auditor(), "dsa-offline")
            .orElseThrow();
    bundle = unzip(zip);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void intactBundle_verifies_againstThePublishedKeys() throws IOException {
    Path keys = dir.resolve("keys.json");
    Files.writeString(
        keys,
        "[{\"keyId\":\""
            + key.publicKey().keyId()
            + "\",\"algorithm\":\"Ed25519\","
            + "\"status\":\"current\",\"publicKey\":\""
            + key.publicKey().spkiBase64()
            + "\"}]");
    Run r = verify(bundle, keys);
    assertThat(r.status).as(r.output).isZero();
    assertThat(r.output)
        .contains("the tree head's Ed25519 signature holds")
        .contains("the signing key is one of the registry's published keys")
        .containsPattern("event #\\d+: the audit path leads from its leaf to the signed root")
        .contains("OK    the evidence bundle verifies")
        .doesNotContain("FAIL");
    // without published keys it still checks everything else, and says what is left to compare
    Run unpinned = verify(bundle, null);
    assertThat(unpinned.status).isZero();
    assertThat(unpinned.output).contains("NOTE  no published keys given");
  }

  @Test
  void verifier_runsOnTheJdkAlone_withNoLibraryOnTheClassPath() throws Exception {
    Path zip = write(bundle);
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    // only the registry-core classes: no Jena, no other library
    String classes =
        Path.of(OfflineVerifier.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    Process p =
        new ProcessBuilder(java, "-cp", classes, OfflineVerifier.class.getName(), zip.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("OK    the evidence bundle verifies");
  }

  @Test
  void alteredEvent_fails() throws IOException {
    String entry = bundle.keySet().stream().filter(n -> n.startsWith("events/")).findFirst().get();
    Run r =
        verify(
            with(
                entry,
                b ->
                    new String(b, StandardCharsets.UTF_8)
                        .replace("approve", "reject")
                        .replace("Approve", "Reject")
                        .concat("<urn:x> <urn:y> \"tampered\" .\n")
                        .getBytes(StandardCharsets.UTF_8)),
            null);
    assertThat(r.status).isEqualTo(1);
    assertThat(r.output).contains("FAIL  event #").contains("is the proof's leaf hash");
  }

  @Test
  void treeHeadWithAnotherSize_orAnotherKey_fails() throws IOException {
    Run bigger =
        verify(
            with(
                BundleLayout.TREE_HEAD,
                b ->
                    new String(b, StandardCharsets.UTF_8)
                        .replaceFirst("\"treeSize\"\\s*:\\s*(\\d+)", "\"treeSize\" : 1$1")
                        .getBytes(StandardCharsets.UTF_8)),
            null);
    assertThat(bigger.status).isEqualTo(1);
    assertThat(bigger.output).contains("FAIL  the tree head's Ed25519 signature holds");

    Path other = dir.resolve("other.pem");
    Files.writeString(other, SigningKey.generate().publicKey().pem());
    Run unknownKey = verify(bundle, other);
    assertThat(unknownKey.status).isEqualTo(1);
    assertThat(unknownKey.output)
        .contains("FAIL  the signing key is one of the registry's published keys");

    Run swappedKey =
        verify(
            with(
                BundleLayout.PUBLIC_KEY,
                b -> SigningKey.generate().publicKey().pem().getBytes(StandardCharsets.US_ASCII)),
            null);
    assertThat(swappedKey.status).isEqualTo(1);
  }

  @Test
  void usage_isExplained_withStatus2() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(OfflineVerifier.run(new String[0], new PrintStream(out, true))).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage:");
  }

  record Run(int status, String output) {}

  Path write(Map<String, byte[]> files) throws IOException {
    Path zip = Files.createTempFile(dir, "evidence", ".zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (var f : files.entrySet()) {
        out.putNextEntry(new ZipEntry(f.getKey()));
        out.write(f.getValue());
        out.closeEntry();
      }
    }
    return zip;
  }

  Run verify(Map<String, byte[]> files, Path keys) throws IOException {
    Path zip = write(files);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] args =
        keys == null
            ? new String[] {zip.toString()}
            : new String[] {zip.toString(), keys.toString()};
    int status = OfflineVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8));
  }

  Map<String, byte[]> with(String name, UnaryOperator<byte[]> change) {
    Map<String, byte[]> copy = new LinkedHashMap<>(bundle);
    copy.put(name, change.apply(copy.get(name)));
    return copy;
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }
}
