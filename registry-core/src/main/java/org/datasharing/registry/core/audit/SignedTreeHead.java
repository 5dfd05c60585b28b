package org.datasharing.registry.core.audit;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A tree head the registry signed: the log's size and root hash at a time, with the id of the key
 * and the Ed25519 signature over {@link #signedBytes}.
 */
public record SignedTreeHead(
    long treeSize, byte[] rootHash, Instant timestamp, String keyId, byte[] signature) {

  public SignedTreeHead {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(keyId, "keyId");
    rootHash = rootHash.clone();
    signature = signature.clone();
  }

  /**
   * The bytes signed: RFC 9162 section 4.10's {@code TreeHeadDataV2} with no extensions, 51 bytes:
   * the timestamp in milliseconds since the Unix epoch (uint64, big-endian), the tree size (uint64,
   * big-endian), the root hash's length (one byte, 32) and the 32 bytes of the root hash, and the
   * extensions' length (uint16, 0).
   */
  public static byte[] signedBytes(long treeSize, byte[] rootHash, Instant timestamp) {
    if (rootHash.length != MerkleTree.HASH_LENGTH) {
      throw new IllegalArgumentException("a root hash has 32 bytes");
    }
    return ByteBuffer.allocate(8 + 8 + 1 + MerkleTree.HASH_LENGTH + 2)
        .putLong(timestamp.toEpochMilli())
        .putLong(treeSize)
        .put((byte) MerkleTree.HASH_LENGTH)
        .put(rootHash)
        .putShort((short) 0)
        .array();
  }

  public byte[] signedBytes() {
    return signedBytes(treeSize, rootHash, timestamp);
  }

  /** Whether {@code key} is the key named and its signature covers this head. */
  public boolean verifiedBy(PublishedKey key) {
    return key.keyId().equals(keyId) && key.verifies(signedBytes(), signature);
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public String rootHashHex() {
    return MerkleTree.hex(rootHash);
  }

  public String rootHashBase64() {
    return Base64.getEncoder().encodeToString(rootHash);
  }

  public String signatureBase64() {
    return Base64.getEncoder().encodeToString(signature);
  }
}
