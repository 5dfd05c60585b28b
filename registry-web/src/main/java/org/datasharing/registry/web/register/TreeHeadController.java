package org.datasharing.registry.web.register;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.PublishedKey;
import org.datasharing.registry.core.audit.SignedTreeHead;
import org.datasharing.registry.core.audit.TreeHeads;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.datasharing.registry.web.platform.Problems;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log's public checkpoints, for anyone signed out: the latest signed tree head, the keys
 * it is signed with, and consistency proofs between tree sizes (hashes only, never an event's
 * content). The rest of {@code /api/audit} is for auditors.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit checkpoints", description = "Signed tree heads anyone can check (public)")
class TreeHeadController {
  private final TreeHeads treeHeads;
  private final AuditTrail auditTrail;

  TreeHeadController(TreeHeads treeHeads, AuditTrail auditTrail) {
    this.treeHeads = treeHeads;
    this.auditTrail = auditTrail;
  }

  /** A signed tree head; the signature covers RFC 9162's TreeHeadDataV2 (see README). */
  record TreeHead(
      long treeSize,
      String rootHash,
      String rootHashHex,
      long timestamp,
      String issuedAt,
      String keyId,
      String algorithm,
      String signature) {
    static TreeHead of(SignedTreeHead h) {
      return new TreeHead(
          h.treeSize(),
          h.rootHashBase64(),
          h.rootHashHex(),
          h.timestamp().toEpochMilli(),
          h.timestamp().toString(),
          h.keyId(),
          PublishedKey.ALGORITHM,
          h.signatureBase64());
    }
  }

  /** A public key: DER SubjectPublicKeyInfo in base64 and PEM; status current or retired. */
  record Key(String keyId, String algorithm, String status, String publicKey, String pem) {}

  /** An RFC 9162 consistency proof between two tree sizes, hashes in hex. */
  record Consistency(
      long first,
      long second,
      String firstRootHash,
      String secondRootHash,
      List<String> consistencyPath) {}

  @GetMapping("/tree-head")
  @Operation(summary = "The latest signed tree head (size, root hash, time, key id, signature)")
  TreeHead treeHead() {
    return TreeHead.of(treeHeads.latest());
  }

  @GetMapping("/keys")
  @Operation(summary = "The public keys tree heads are signed with, current first")
  List<Key> keys() {
    return treeHeads.keys().stream()
        .map(
            k ->
                new Key(
                    k.keyId(),
                    PublishedKey.ALGORITHM,
                    k.current() ? "current" : "retired",
                    k.spkiBase64(),
                    k.pem()))
        .toList();
  }

  @GetMapping("/consistency")
  @Operation(
      summary =
          "RFC 9162 consistency proof that the tree of size second extends the one of size first")
  ResponseEntity<Object> consistency(@RequestParam long first, @RequestParam long second) {
    long size = auditTrail.head().size();
    if (first < 1 || first > size) {
      throw new InvalidParameter(
          "first",
          size == 0
              ? "The audit log is empty: there is no tree size to prove yet"
              : "first must be between 1 and " + size + " (the current tree size)");
    }
    if (second < first || second > size) {
      throw new InvalidParameter(
          "second",
          "second must be between first (" + first + ") and " + size + " (the current tree size)");
    }
    return Problems.answer(
        auditTrail
            .consistencyProof(first, second)
            .map(
                p ->
                    new Consistency(
                        p.fromSize(), p.toSize(), p.fromRoot(), p.toRoot(), p.proof())));
  }
}
