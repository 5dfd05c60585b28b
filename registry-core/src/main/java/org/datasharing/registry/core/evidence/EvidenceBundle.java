package org.datasharing.registry.core.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.SignedTreeHead;
import org.datasharing.registry.core.audit.TreeHeads;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Everything an auditor needs to prove who agreed what, when, on which text, for one agreement, in
 * one ZIP: the agreement's graph (all versions and decisions) and its audit events as TriG, a JSON
 * file with versions, decisions, events and an RFC 9162 inclusion proof of each event against the
 * registry's signed tree head (also in {@code tree-head.json}, with the public key that signed it),
 * instructions to check it all offline, and a human-readable summary.
 */
public final class EvidenceBundle {
  private final AgreementService agreements;
  private final AuditTrail trail;
  private final RegistryStore store;
  private final Ids ids;
  private final TreeHeads treeHeads;

  public EvidenceBundle(
      AgreementService agreements,
      AuditTrail trail,
      RegistryStore store,
      Ids ids,
      TreeHeads treeHeads) {
    this.agreements = agreements;
    this.trail = trail;
    this.store = store;
    this.ids = ids;
    this.treeHeads = treeHeads;
  }

  public Result<byte[]> export(Actor actor, String id) {
    if (!actor.has(Actor.Role.AUDITOR)) {
      return Result.forbidden("Only auditors export evidence bundles");
    }
    Result<AgreementView> found = agreements.get(actor, id);
    if (!found.ok()) {
      return found.asFailure();
    }
    AgreementView a = found.value();
    Node iri = ids.agreement(id);
    List<AuditTrail.EventView> events = trail.forAgreement(iri);
    // signed after the events are read, so that every event read is in the signed tree; the proofs
    // are against that tree, whatever is appended meanwhile
    SignedTreeHead head = treeHeads.latest();
    List<AuditTrail.InclusionProof> proofs = trail.inclusionProofs(events, head.treeSize());
    AuditTrail.Verification verification = trail.verify();

    DatasetGraph agreement = DatasetGraphFactory.createTxnMem();
    store
        .graph(iri)
        .find()
        .forEachRemaining(t -> agreement.add(iri, t.getSubject(), t.getPredicate(), t.getObject()));
    DatasetGraph audit = DatasetGraphFactory.createTxnMem();
    Graph eventGraph =
        store.construct(Queries.bind("audit-events-graph-for-agreement", Map.of("agreement", iri)));
    eventGraph
        .find()
        .forEachRemaining(
            t -> audit.add(Graphs.AUDIT_NODE, t.getSubject(), t.getPredicate(), t.getObject()));

    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      entry(out, "agreement.trig", trig(agreement));
      entry(out, "audit-events.trig", trig(audit));
      JsonObject json = json(a, events, proofs, verification);
      json.put("signedTreeHead", treeHeadJson(head));
      entry(out, BundleLayout.EVIDENCE, JSON.toString(json).getBytes(StandardCharsets.UTF_8));
      entry(
          out,
          BundleLayout.TREE_HEAD,
          JSON.toString(treeHeadJson(head)).getBytes(StandardCharsets.UTF_8));
      entry(
          out,
          BundleLayout.PUBLIC_KEY,
          treeHeads.keys().get(0).pem().getBytes(StandardCharsets.US_ASCII));
      entry(out, "CHECKING.txt", checking(head).getBytes(StandardCharsets.UTF_8));
      // each event's leaf data, so that a verifier needs nothing but SHA-256 to recompute its leaf
      for (AuditTrail.EventView e : events) {
        entry(
            out,
            BundleLayout.leafDataEntry(e.sequence()),
            AuditLog.leafData(eventGraph, NodeFactory.createURI(e.id())));
      }
      entry(out, "SUMMARY.txt", summary(a, events, verification).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Result.ok(zip.toByteArray());
  }

  /** A signed tree head as JSON, the same fields as {@code GET /api/audit/tree-head}. */
  public static JsonObject treeHeadJson(SignedTreeHead h) {
    JsonObject o = new JsonObject();
    o.put("treeSize", h.treeSize());
    o.put("rootHash", h.rootHashBase64());
    o.put("rootHashHex", h.rootHashHex());
    o.put("timestamp", h.timestamp().toEpochMilli());
    o.put("issuedAt", h.timestamp().toString());
    o.put("keyId", h.keyId());
    o.put("algorithm", "Ed25519");
    o.put("signature", h.signatureBase64());
    return o;
  }

  private static String checking(SignedTreeHead h) {
    return """
        Checking this evidence bundle without the registry
        ===================================================

        tree-head.json is the registry's signed tree head: the audit log held %d events with
        root hash %s (hex) when it was signed at %s.
        It is signed with Ed25519 by the key %s,
        whose public key is registry-public-key.pem. Compare that key id with the keys the
        registry publishes (GET /api/audit/keys, no sign-in needed) or with a copy you trust.

        1. The signed bytes (51 bytes, RFC 9162 section 4.10 TreeHeadDataV2, no extensions):
             timestamp   uint64 big-endian, milliseconds since 1970-01-01T00:00:00Z
             tree size   uint64 big-endian
             0x20        the root hash's length
             root hash   32 bytes
             0x0000      the extensions' length
           Check "signature" (base64) over them with the public key.
        2. Each event in audit-events.trig has a leaf hash: SHA-256(0x00 || its content), its
           content being the sorted canonical N-Triples (UTF-8, one triple per line, each ending
           with a newline) of every triple about the event except dsr:leafHash, dsr:rootHash and
           dsr:subtreeHashes. events/<sequence>.nt holds exactly those bytes:
             (printf '\\000'; cat events/12.nt) | sha256sum
        3. evidence.json gives each event's inclusion proof (RFC 9162 section 2.1.3.2): start from
           the leaf hash; for each audit path entry in order, hash SHA-256(0x01 || left || right),
           the entry standing on the left when the position is odd or is the last of its level
           (the audit page's inclusion proof shows the side of each step). The result must be the
           signed root hash, for a tree of the signed size.

        The registry's offline verifier does all three (it needs only a JDK 17 and the
        registry-core jar; keys.json is GET /api/audit/keys, saved beforehand):
          java -jar registry-core.jar evidence.zip keys.json
        """
        .formatted(h.treeSize(), h.rootHashHex(), h.timestamp(), h.keyId());
  }

  private static JsonObject json(
      AgreementView a,
      List<AuditTrail.EventView> events,
      List<AuditTrail.InclusionProof> proofs,
      AuditTrail.Verification v) {
    JsonObject root = new JsonObject();
    root.put("agreement", a.iri());
    root.put("id", a.id());
    root.put("status", a.status().name());
    JsonArray versions = new JsonArray();
    a.versions()
        .forEach(
            x -> {
              JsonObject o = new JsonObject();
              o.put("number", x.number());
              o.put("iri", x.iri());
              o.put("contentHash", x.contentHash());
              versions.add(o);
            });
    root.put("versions", versions);
    JsonArray decisions = new JsonArray();
    a.decisions()
        .forEach(
            d -> {
              JsonObject o = new JsonObject();
              o.put("version", d.version());
              o.put("organisation", d.organisation());
              o.put("outcome", d.outcome());
              o.put("decidedBy", d.decidedBy());
              o.put("at", d.at().toString());
              o.put("contentHash", d.contentHash());
              d.reason().ifPresent(r -> o.put("reason", r));
              decisions.add(o);
            });
    root.put("decisions", decisions);
    JsonArray evs = new JsonArray();
    for (AuditTrail.EventView e : events) {
      JsonObject o = new JsonObject();
      o.put("sequence", e.sequence());
      o.put("id", e.id());
      o.put("action", e.action());
      o.put("agent", e.agent());
      e.person().ifPresent(x -> o.put("person", x));
      e.organisation().ifPresent(x -> o.put("organisation", x));
      o.put("at", e.at().toString());
      e.version().ifPresent(x -> o.put("version", x));
      e.contentHash().ifPresent(x -> o.put("contentHash", x));
      e.detail().ifPresent(x -> o.put("detail", x));
      proofs.stream()
          .filter(p -> p.event().equals(e.id()))
          .findFirst()
          .ifPresent(
              p -> {
                JsonObject proof = new JsonObject();
                proof.put("leafIndex", p.leafIndex());
                proof.put("treeSize", p.treeSize());
                proof.put("leafHash", p.leafHash());
                proof.put("rootHash", p.rootHash());
                JsonArray path = new JsonArray();
                p.auditPath().forEach(path::add);
                proof.put("auditPath", path);
                o.put("inclusionProof", proof);
              });
      evs.add(o);
    }
    root.put("events", evs);
    JsonObject head = new JsonObject();
    head.put("treeSize", v.treeSize());
    head.put("rootHash", v.rootHash());
    head.put("verifiedAt", v.verifiedAt().toString());
    head.put("intact", v.intact());
    root.put("treeHead", head);
    return root;
  }

  private static String summary(
      AgreementView a, List<AuditTrail.EventView> events, AuditTrail.Verification v) {
    StringBuilder s = new StringBuilder();
    s.append("Evidence bundle for agreement ")
        .append(a.id())
        .append(": ")
        .append(a.title())
        .append('\n');
    s.append("IRI: ").append(a.iri()).append('\n');
    s.append("Status: ")
        .append(a.status())
        .append(a.versionInForce().map(n -> ", version " + n + " in force").orElse(""))
        .append("\n\n");
    s.append("Versions (SHA-256 of the sorted canonical N-Triples of each version's text):\n");
    a.versions()
        .forEach(
            x ->
                s.append("  version ")
                    .append(x.number())
                    .append("  ")
                    .append(x.contentHash())
                    .append('\n'));
    s.append("\nDecisions:\n");
    a.decisions()
        .forEach(
            d ->
                s.append("  ")
                    .append(d.at())
                    .append("  ")
                    .append(d.organisation())
                    .append("  ")
                    .append(d.outcome())
                    .append(" version ")
                    .append(d.version())
                    .append(" (hash ")
                    .append(d.contentHash())
                    .append(")")
                    .append(d.reason().map(r -> " reason: " + r).orElse(""))
                    .append('\n'));
    s.append("\nAudit events (each with an RFC 9162 inclusion proof in evidence.json):\n");
    events.forEach(
        e ->
            s.append("  #")
                .append(e.sequence())
                .append("  ")
                .append(e.at())
                .append("  ")
                .append(e.action())
                .append(
                    e.person()
                        .map(p -> "  " + p)
                        .orElse(e.organisation().map(o -> "  " + o).orElse("")))
                .append(e.detail().map(d -> "  " + d).orElse(""))
                .append('\n'));
    s.append("\nAudit log at export: ")
        .append(v.treeSize())
        .append(" events, root ")
        .append(v.rootHash())
        .append(v.intact() ? ", verified intact" : ", VERIFICATION FOUND PROBLEMS: " + v.findings())
        .append(" at ")
        .append(v.verifiedAt())
        .append('\n');
    return s.toString();
  }

  private static byte[] trig(DatasetGraph d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RDFDataMgr.write(out, d, RDFFormat.TRIG_PRETTY);
    return out.toByteArray();
  }

  private static void entry(ZipOutputStream out, String name, byte[] content) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(content);
    out.closeEntry();
  }
}
