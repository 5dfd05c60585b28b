package org.datasharing.registry.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.datasharing.registry.core.audit.MerkleTree;
import org.datasharing.registry.core.audit.PublishedKey;
import org.datasharing.registry.core.audit.SignedTreeHead;

/**
 * Checks an evidence bundle without the registry, on the JDK alone: the tree head's Ed25519
 * signature (by the key in the bundle and, when given, one the registry publishes), each event's
 * leaf hash recomputed from its leaf data, and each event's inclusion proof against the signed
 * root. {@code java -jar registry-core.jar evidence.zip [keys.json | key.pem]}; exit status 0 when
 * everything holds, 1 when anything fails, 2 for a usage error.
 */
public final class OfflineVerifier {
  private final PrintStream out;
  private int failures;

  private OfflineVerifier(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the checks, writing one line per check to {@code out}; the exit status. */
  public static int run(String[] args, PrintStream out) {
    if (args.length < 1 || args.length > 2) {
      out.println("usage: java -jar registry-core.jar evidence.zip [keys.json | public-key.pem]");
      out.println("  keys.json: the registry's published keys (GET /api/audit/keys), saved");
      return 2;
    }
    OfflineVerifier v = new OfflineVerifier(out);
    try {
      v.check(Path.of(args[0]), args.length == 2 ? Path.of(args[1]) : null);
    } catch (IOException | RuntimeException e) {
      out.println("FAIL  cannot read the bundle: " + e.getMessage());
      return 1;
    }
    out.println(
        v.failures == 0
            ? "OK    the evidence bundle verifies"
            : "FAIL  " + v.failures + " check(s) failed");
    return v.failures == 0 ? 0 : 1;
  }

  private void check(Path bundle, Path trusted) throws IOException {
    Map<String, byte[]> files = unzip(bundle);
    Map<?, ?> head = (Map<?, ?>) MiniJson.parse(text(files, BundleLayout.TREE_HEAD));
    Map<?, ?> evidence = (Map<?, ?>) MiniJson.parse(text(files, BundleLayout.EVIDENCE));
    PublishedKey key = PublishedKey.fromPem(text(files, BundleLayout.PUBLIC_KEY), true);

    SignedTreeHead sth =
        new SignedTreeHead(
            number(head, "treeSize"),
            Base64.getDecoder().decode(string(head, "rootHash")),
            Instant.ofEpochMilli(number(head, "timestamp")),
            string(head, "keyId"),
            Base64.getDecoder().decode(string(head, "signature")));
    report(
        key.keyId().equals(sth.keyId()),
        "the tree head names the bundle's public key (key id " + sth.keyId() + ")");
    report(
        sth.verifiedBy(key),
        "the tree head's Ed25519 signature holds: "
            + sth.treeSize()
            + " events, root "
            + sth.rootHashHex()
            + ", signed "
            + sth.timestamp());
    if (trusted == null) {
      out.println(
          "NOTE  no published keys given: compare key id "
              + key.keyId()
              + " with GET /api/audit/keys");
    } else {
      Set<String> ids = trustedKeyIds(trusted);
      report(
          ids.contains(key.keyId()),
          "the signing key is one of the registry's published keys (" + trusted + ")");
    }

    Object events = evidence.get("events");
    if (!(events instanceof List<?> list)) {
      report(false, "evidence.json lists the events");
      return;
    }
    for (Object o : list) {
      checkEvent((Map<?, ?>) o, files, sth);
    }
  }

  private void checkEvent(Map<?, ?> event, Map<String, byte[]> files, SignedTreeHead sth) {
    long sequence = number(event, "sequence");
    String id = string(event, "id");
    String name = "event #" + sequence;
    byte[] data = files.get(BundleLayout.leafDataEntry(sequence));
    if (data == null) {
      report(false, name + ": its leaf data " + BundleLayout.leafDataEntry(sequence));
      return;
    }
    byte[] leaf = MerkleTree.leafHash(data);
    String firstLine = new String(data, StandardCharsets.UTF_8).split("\n", 2)[0];
    report(firstLine.startsWith("<" + id + "> "), name + ": its leaf data is about " + id);
    if (!(event.get("inclusionProof") instanceof Map<?, ?> proof)) {
      report(false, name + ": has an inclusion proof");
      return;
    }
    report(
        MerkleTree.hex(leaf).equals(string(proof, "leafHash")),
        name + ": SHA-256(0x00 || leaf data) is the proof's leaf hash");
    report(
        number(proof, "treeSize") == sth.treeSize(),
        name + ": the proof is for the signed tree size " + sth.treeSize());
    List<byte[]> path = new ArrayList<>();
    for (Object h : (List<?>) proof.get("auditPath")) {
      path.add(MerkleTree.unhex(String.valueOf(h)));
    }
    report(
        MerkleTree.verifyInclusion(
            leaf, number(proof, "leafIndex"), sth.treeSize(), path, sth.rootHash()),
        name + ": the audit path leads from its leaf to the signed root");
  }

  /** Key ids in a saved {@code /api/audit/keys} answer, or of one PEM public key. */
  private static Set<String> trustedKeyIds(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Set<String> ids = new TreeSet<>();
    if (text.contains("-----BEGIN PUBLIC KEY-----")) {
      ids.add(PublishedKey.fromPem(text, true).keyId());
      return ids;
    }
    for (Object k : (List<?>) MiniJson.parse(text)) {
      // the id is recomputed from the key itself, not taken from the file's word
      ids.add(
          PublishedKey.of(Base64.getDecoder().decode(string((Map<?, ?>) k, "publicKey")), true)
              .keyId());
    }
    return ids;
  }

  private void report(boolean ok, String what) {
    if (!ok) {
      failures++;
    }
    out.println((ok ? "ok    " : "FAIL  ") + what);
  }

  private static Map<String, byte[]> unzip(Path bundle) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (InputStream in = Files.newInputStream(bundle);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        files.put(e.getName(), zip.readAllBytes());
      }
    }
    return files;
  }

  private static String text(Map<String, byte[]> files, String name) {
    byte[] b = files.get(name);
    if (b == null) {
      throw new IllegalArgumentException("the bundle has no " + name);
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String string(Map<?, ?> m, String name) {
    if (!(m.get(name) instanceof String s)) {
      throw new IllegalArgumentException("no text " + name);
    }
    return s;
  }

  private static long number(Map<?, ?> m, String name) {
    if (!(m.get(name) instanceof Long n)) {
      throw new IllegalArgumentException("no whole number " + name);
    }
    return n;
  }
}
