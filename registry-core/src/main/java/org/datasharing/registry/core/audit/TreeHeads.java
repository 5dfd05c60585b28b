package org.datasharing.registry.core.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Signed tree heads in the spirit of RFC 9162: the registry signs its log's size and root hash with
 * its own key, so that anyone holding the public key can check a root hash without trusting the
 * registry that reports it, and ask for consistency proofs between any two signed sizes.
 */
public final class TreeHeads {
  private final AuditTrail trail;
  private final SigningKey key;
  private final List<PublishedKey> retired;
  private final Clock clock;

  /**
   * @param retired public keys the registry signed with before (published so that tree heads signed
   *     with them can still be checked)
   */
  public TreeHeads(AuditTrail trail, SigningKey key, List<PublishedKey> retired, Clock clock) {
    this.trail = trail;
    this.key = key;
    this.retired = List.copyOf(retired);
    this.clock = clock;
  }

  /** The current tree head, signed now. */
  public SignedTreeHead latest() {
    return sign(trail.head());
  }

  /** A tree head read from the log, signed now. */
  public SignedTreeHead sign(AuditTrail.TreeHead head) {
    // the signed timestamp has millisecond precision: sign exactly what is published
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    byte[] signature = key.sign(SignedTreeHead.signedBytes(head.size(), head.rootHash(), now));
    return new SignedTreeHead(
        head.size(), head.rootHash(), now, key.publicKey().keyId(), signature);
  }

  /** The key signing now, then the retired ones. */
  public List<PublishedKey> keys() {
    List<PublishedKey> all = new ArrayList<>();
    all.add(key.publicKey());
    retired.stream()
        .filter(k -> !k.keyId().equals(key.publicKey().keyId()))
        .map(k -> new PublishedKey(k.keyId(), k.spki(), false))
        .forEach(all::add);
    return List.copyOf(all);
  }
}
