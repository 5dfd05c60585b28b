package org.datasharing.registry.core.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/** RFC 9162 section 2.1 Merkle tree hashes, audit paths and consistency proofs over SHA-256. */
public final class MerkleTree {
  /** Length in bytes of every hash this class produces or accepts. */
  public static final int HASH_LENGTH = 32;

  // Domain separation (RFC 9162 2.1.1): a leaf can never be passed off as an interior node.
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private static final byte[] EMPTY_ROOT = sha256().digest();
  private static final HexFormat HEX = HexFormat.of();

  private MerkleTree() {}

  /** The hash of one log entry, SHA-256(0x00 || leafData). */
  public static byte[] leafHash(byte[] leafData) {
    Objects.requireNonNull(leafData, "leafData");
    MessageDigest md = sha256();
    md.update(LEAF_PREFIX);
    return md.digest(leafData);
  }

  /** The hash of an interior node, SHA-256(0x01 || left || right), over two 32-byte hashes. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    if (!isHash(left) || !isHash(right)) {
      throw new IllegalArgumentException("node children must be 32-byte hashes");
    }
    return hashChildren(sha256(), left, right);
  }

  /** The Merkle Tree Hash MTH(D[n]) of a tree with the given leaf hashes, in O(n) time. */
  public static byte[] rootHash(List<byte[]> leafHashes) {
    List<byte[]> leaves = randomAccess(leafHashes);
    return subtreeHash(sha256(), leaves, 0, leaves.size()).clone();
  }

  /** The audit path PATH(index, D[n]) proving leaf {@code index} is in the tree, leaf first. */
  public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index) {
    List<byte[]> leaves = randomAccess(leafHashes);
    int n = leaves.size();
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException("index " + index + " is not in a tree of size " + n);
    }
    return hashesOf(leaves, inclusionPath(index, n));
  }

  /** The consistency proof PROOF(oldSize, D[n]) that the first oldSize leaves are unchanged. */
  public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int oldSize) {
    List<byte[]> leaves = randomAccess(leafHashes);
    int n = leaves.size();
    if (oldSize < 0 || oldSize > n) {
      throw new IllegalArgumentException("old size " + oldSize + " is not in 0.." + n);
    }
    return hashesOf(leaves, consistencyPath(oldSize, n));
  }

  /** A run of leaves [lo, hi) whose Merkle Tree Hash is one element of a proof. */
  public record Span(long lo, long hi) {
    public Span {
      if (lo < 0 || hi <= lo) {
        throw new IllegalArgumentException("empty span [" + lo + ", " + hi + ")");
      }
    }
  }

  /**
   * The spans whose hashes make up PATH(index, D[n]), leaf first. Which spans a proof needs depends
   * only on the sizes, so a log can fetch just those hashes instead of every leaf.
   */
  public static List<Span> inclusionPath(long index, long n) {
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException("index " + index + " is not in a tree of size " + n);
    }
    // PATH unrolled from the root down: one sibling per level, so O(log n) spans.
    List<Span> siblings = new ArrayList<>();
    long lo = 0;
    long hi = n;
    while (hi - lo > 1) {
      long mid = lo + largestPowerOfTwoBelow(hi - lo);
      if (index < mid) {
        siblings.add(new Span(mid, hi));
        hi = mid;
      } else {
        siblings.add(new Span(lo, mid));
        lo = mid;
      }
    }
    // The descent meets the siblings root first; the RFC's path lists them leaf first.
    Collections.reverse(siblings);
    return siblings;
  }

  /** The spans whose hashes make up PROOF(oldSize, D[n]), in proof order. */
  public static List<Span> consistencyPath(long oldSize, long n) {
    if (oldSize < 0 || oldSize > n) {
      throw new IllegalArgumentException("old size " + oldSize + " is not in 0.." + n);
    }
    // RFC 9162 defines PROOF only for 0 < m < n; the empty tree and the same tree need no proof,
    // which is what verifyConsistency expects for them.
    if (oldSize == 0 || oldSize == n) {
      return List.of();
    }
    // SUBPROOF(m, D[lo:hi], b) unrolled from the root down, as in inclusionPath.
    List<Span> siblings = new ArrayList<>();
    long lo = 0;
    long hi = n;
    long m = oldSize;
    boolean oldTreeIsWholeSubtree = true; // the RFC's b
    while (m != hi - lo) {
      long k = largestPowerOfTwoBelow(hi - lo);
      if (m <= k) {
        siblings.add(new Span(lo + k, hi));
        hi = lo + k;
      } else {
        siblings.add(new Span(lo, lo + k));
        lo += k;
        m -= k;
        oldTreeIsWholeSubtree = false;
      }
    }
    // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the verifier cannot rebuild this subtree of the old
    // tree from the old root alone, so it travels with the proof.
    if (!oldTreeIsWholeSubtree) {
      siblings.add(new Span(lo, hi));
    }
    Collections.reverse(siblings);
    return siblings;
  }

  /**
   * The perfect subtrees whose hashes, folded from the right, give MTH(D[lo:hi]), largest first.
   * For every span of a proof (and for [0, n)) these are the RFC's largest-power-of-two splits, so
   * a log that stores the hash of each perfect subtree once it is complete can answer any proof
   * from O(log n) stored hashes.
   */
  public static List<Span> perfectSubtrees(Span span) {
    List<Span> parts = new ArrayList<>();
    long at = span.lo();
    while (at < span.hi()) {
      long size = Long.highestOneBit(span.hi() - at);
      // aligned, so that the part is a node of the log's tree and not a run across two of them
      while (at % size != 0) {
        size >>= 1;
      }
      parts.add(new Span(at, at + size));
      at += size;
    }
    return parts;
  }

  /** The hash of a run of perfect subtrees, largest first: fold them from the right. */
  public static byte[] foldRight(List<byte[]> perfectSubtreeHashes) {
    if (perfectSubtreeHashes.isEmpty()) {
      return EMPTY_ROOT.clone();
    }
    MessageDigest md = sha256();
    byte[] r = perfectSubtreeHashes.get(perfectSubtreeHashes.size() - 1);
    for (int i = perfectSubtreeHashes.size() - 2; i >= 0; i--) {
      r = hashChildren(md, perfectSubtreeHashes.get(i), r);
    }
    return r.clone();
  }

  /** Whether {@code proof} shows leafHash at index in the tree of treeSize leaves with rootHash. */
  public static boolean verifyInclusion(
      byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] rootHash) {
    // Proofs arrive from outside, so anything malformed is a failed proof, never an exception.
    if (!isHash(leafHash) || !isHash(rootHash) || !allHashes(proof)) {
      return false;
    }
    if (index < 0 || index >= treeSize) {
      return false;
    }
    MessageDigest md = sha256();
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = hashChildren(md, p, r);
        // fn is the last node of its level: skip the levels where it has no right sibling.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = hashChildren(md, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, rootHash);
  }

  /**
   * One step of checking an inclusion proof by hand: the running hash so far is combined with the
   * next audit path entry, which stands on the left ({@code SHA-256(0x01 || entry || so far)}) or
   * on the right ({@code SHA-256(0x01 || so far || entry)}).
   */
  public record HashStep(int number, boolean entryOnLeft, String entry, String result) {}

  /**
   * The steps RFC 9162 2.1.3.2 takes to check an inclusion proof, in order, each with the side the
   * path entry stands on and the hash it yields; the last result is the root if the proof holds.
   * Empty if the proof is malformed or longer than the tree is deep.
   */
  public static List<HashStep> inclusionSteps(
      byte[] leafHash, long index, long treeSize, List<byte[]> proof) {
    if (!isHash(leafHash) || !allHashes(proof) || index < 0 || index >= treeSize) {
      return List.of();
    }
    MessageDigest md = sha256();
    List<HashStep> steps = new ArrayList<>();
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return List.of();
      }
      boolean left = (fn & 1) == 1 || fn == sn;
      if (left) {
        r = hashChildren(md, p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = hashChildren(md, r, p);
      }
      fn >>= 1;
      sn >>= 1;
      steps.add(new HashStep(steps.size() + 1, left, hex(p), hex(r)));
    }
    return List.copyOf(steps);
  }

  /** Whether {@code proof} shows the tree with newRoot extends, unchanged, the one with oldRoot. */
  public static boolean verifyConsistency(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
    if (!isHash(oldRoot) || !isHash(newRoot) || !allHashes(proof)) {
      return false;
    }
    if (oldSize < 0 || oldSize > newSize) {
      return false;
    }
    // Outside RFC 9162's 0 < m < n (where it rejects empty proofs): a tree is consistent with
    // itself and every tree extends the empty one, but only with the matching roots.
    if (oldSize == newSize) {
      return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
    }
    if (oldSize == 0) {
      return proof.isEmpty() && MessageDigest.isEqual(oldRoot, EMPTY_ROOT);
    }
    if (proof.isEmpty()) {
      return false;
    }
    MessageDigest md = sha256();
    var path = proof.iterator();
    // An old tree of 2^k leaves is a complete subtree of the new one, so PROOF omits its hash
    // (the verifier already has it) and the RFC prepends first_hash instead.
    byte[] start = Long.bitCount(oldSize) == 1 ? oldRoot : path.next();
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = start;
    byte[] sr = start;
    while (path.hasNext()) {
      byte[] c = path.next();
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = hashChildren(md, c, fr);
        sr = hashChildren(md, c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = hashChildren(md, sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
  }

  /** Lower-case hexadecimal form of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** The bytes of a hex string of either case; IllegalArgumentException if it is not hex. */
  public static byte[] unhex(String hex) {
    return HEX.parseHex(hex);
  }

  // MTH(D[lo:hi]) without recursion: the leaves are merged like a binary counter, so after each
  // leaf the stack holds the complete subtrees seen so far, largest first, and never exceeds 31
  // entries. Folding that stack from the right gives exactly the RFC's largest-power-of-two split.
  // May return an element of leaves itself; public methods copy before handing hashes out.
  private static byte[] subtreeHash(MessageDigest md, List<byte[]> leaves, int lo, int hi) {
    if (lo == hi) {
      return EMPTY_ROOT;
    }
    byte[][] stack = new byte[Integer.SIZE][];
    int top = 0;
    for (int i = 0; lo + i < hi; i++) {
      byte[] h = leafAt(leaves, lo + i);
      // Each trailing 1 bit of i is a complete subtree of equal size waiting for this one.
      for (int carry = i; (carry & 1) == 1; carry >>>= 1) {
        h = hashChildren(md, stack[--top], h);
      }
      stack[top++] = h;
    }
    byte[] root = stack[--top];
    while (top > 0) {
      root = hashChildren(md, stack[--top], root);
    }
    return root;
  }

  private static byte[] hashChildren(MessageDigest md, byte[] left, byte[] right) {
    md.update(NODE_PREFIX);
    md.update(left);
    return md.digest(right);
  }

  // The k of RFC 9162 2.1.1: the largest power of two strictly smaller than n, for n >= 2.
  private static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  // Copies, so that a caller changing a proof cannot change its own leaf hashes (or vice versa).
  private static List<byte[]> hashesOf(List<byte[]> leaves, List<Span> spans) {
    MessageDigest md = sha256();
    List<byte[]> proof = new ArrayList<>(spans.size());
    for (Span s : spans) {
      proof.add(subtreeHash(md, leaves, (int) s.lo(), (int) s.hi()).clone());
    }
    return Collections.unmodifiableList(proof);
  }

  private static byte[] leafAt(List<byte[]> leaves, int i) {
    byte[] h = leaves.get(i);
    if (!isHash(h)) {
      throw new IllegalArgumentException("leafHashes[" + i + "] is not a 32-byte hash");
    }
    return h;
  }

  // Proof building indexes into the list many times; a linked list would make that quadratic.
  private static List<byte[]> randomAccess(List<byte[]> leafHashes) {
    Objects.requireNonNull(leafHashes, "leafHashes");
    return leafHashes instanceof RandomAccess ? leafHashes : new ArrayList<>(leafHashes);
  }

  private static boolean isHash(byte[] h) {
    return h != null && h.length == HASH_LENGTH;
  }

  private static boolean allHashes(List<byte[]> proof) {
    if (proof == null) {
      return false;
    }
    for (byte[] p : proof) {
      if (!isHash(p)) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
