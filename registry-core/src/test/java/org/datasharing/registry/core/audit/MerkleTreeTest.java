package org.datasharing.registry.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks MerkleTree against published RFC 6962/9162 vectors and against a second, naive
 * implementation in this file that shares no code with it.
 */
class MerkleTreeTest {
  private static final int MAX_SIZE = 33;
  private static final HexFormat HEX = HexFormat.of();

  // The Certificate Transparency reference data, as published in transparency-dev/merkle
  // (testonly/constants.go: LeafInputs, RootHashes; proof/verify_test.go: inclusionProofs,
  // consistencyProofs), which carries it over from google/certificate-transparency-go.
  private static final List<String> CT_LEAF_INPUTS =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  /** Root hash of the tree of the first {@code i} CT leaves, at position i. */
  private static final List<String> CT_ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  /** A published proof: (leaf index, tree size) or (old size, new size), then the hashes. */
  private record Vector(int a, int b, List<String> proof) {}

  // The Go vectors number leaves from 1; these indexes are 0-based.
  private static final List<Vector> CT_INCLUSION_PROOFS =
      List.of(
          new Vector(0, 1, List.of()),
          new Vector(
              0,
              8,
              List.of(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new Vector(
              5,
              8,
              List.of(
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new Vector(
              2, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
          new Vector(
              1,
              5,
              List.of(
                  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

  private static final List<Vector> CT_CONSISTENCY_PROOFS =
      List.of(
          new Vector(1, 1, List.of()),
          new Vector(
              1,
              8,
              List.of(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new Vector(
              6,
              8,
              List.of(
                  "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new Vector(
              2,
              5,
              List.of(
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
          new Vector(
              6,
              7,
              List.of(
                  "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                  "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

  // ---- hashing ----

  @Test
  void leafHash_isSha256OfZeroByteThenData() {
    byte[] data = "an audit entry".getBytes(UTF_8);

    assertThat(MerkleTree.leafHash(data)).isEqualTo(sha256(new byte[] {0}, data));
    assertThat(MerkleTree.leafHash(new byte[0])).isEqualTo(unhex(CT_ROOTS.get(1)));
  }

  @Test
  void nodeHash_isSha256OfOneByteThenLeftThenRight() {
    List<byte[]> leaves = ctLeafHashes();

    assertThat(MerkleTree.nodeHash(leaves.get(0), leaves.get(1)))
        .isEqualTo(sha256(new byte[] {1}, leaves.get(0), leaves.get(1)))
        .isEqualTo(unhex(CT_ROOTS.get(2)));
  }

  @Test
  void nodeHash_rejectsChildThatIsNotAHash() {
    byte[] hash = refLeafHash(new byte[0]);

    assertThatThrownBy(() -> MerkleTree.nodeHash(hash, new byte[3]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.nodeHash(null, hash))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rootHash_ofEmptyTree_isSha256OfEmptyString() {
    assertThat(MerkleTree.rootHash(List.of())).isEqualTo(sha256());
    assertThat(MerkleTree.hex(MerkleTree.rootHash(List.of()))).isEqualTo(CT_ROOTS.get(0));
  }

  @Test
  void rootHash_matchesIndependentImplementation_forSizes0To8() {
    for (int n = 0; n <= 8; n++) {
      List<byte[]> leaves = leaves(n);

      assertThat(hex(MerkleTree.rootHash(leaves))).as("n=%d", n).isEqualTo(hex(refMth(leaves)));
    }
  }

  @Test
  void rootHash_matchesIndependentImplementation_aroundPowersOfTwo() {
    List<byte[]> all = leaves(1025);
    for (int n : new int[] {9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 255, 511, 1023, 1025}) {
      List<byte[]> leaves = all.subList(0, n);

      assertThat(hex(MerkleTree.rootHash(leaves))).as("n=%d", n).isEqualTo(hex(refMth(leaves)));
    }
  }

  @Test
  void rootHash_matchesCertificateTransparencyVectors_forSizes0To8() {
    List<byte[]> leaves = ctLeafHashes();
    for (int n = 0; n <= 8; n++) {
      assertThat(MerkleTree.hex(MerkleTree.rootHash(leaves.subList(0, n))))
          .as("n=%d", n)
          .isEqualTo(CT_ROOTS.get(n));
    }
  }

  @Test
  void rootHash_rejectsLeafThatIsNotAHash() {
    List<byte[]> leaves = new ArrayList<>(leaves(3));
    leaves.set(1, new byte[31]);

    assertThatThrownBy(() -> MerkleTree.rootHash(leaves))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leafHashes[1]");
  }

  @Test
  void rootHash_ofSingleLeaf_isACopyOfTheLeafHash() {
    byte[] leaf = refLeafHash(new byte[] {7});

    byte[] root = MerkleTree.rootHash(List.of(leaf));
    root[0] ^= 1;

    assertThat(leaf).isEqualTo(refLeafHash(new byte[] {7}));
  }

  // ---- inclusion ----

  @Test
  void inclusionProof_matchesCertificateTransparencyVectors() {
    List<byte[]> leaves = ctLeafHashes();
    for (Vector v : CT_INCLUSION_PROOFS) {
      List<byte[]> tree = leaves.subList(0, v.b());
      byte[] root = unhex(CT_ROOTS.get(v.b()));

      List<byte[]> proof = MerkleTree.inclusionProof(tree, v.a());

      assertThat(hexes(proof)).as("index=%d n=%d", v.a(), v.b()).isEqualTo(v.proof());
      assertThat(MerkleTree.verifyInclusion(leaves.get(v.a()), v.a(), v.b(), proof, root)).isTrue();
      assertThat(refVerifyInclusion(leaves.get(v.a()), v.a(), v.b(), proof, root)).isTrue();
    }
  }

  @Test
  void inclusionProof_matchesIndependentPath_forEveryLeaf() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      for (int i = 0; i < n; i++) {
        assertThat(hexes(MerkleTree.inclusionProof(leaves, i)))
            .as("n=%d index=%d", n, i)
            .isEqualTo(hexes(refPath(i, leaves)));
      }
    }
  }

  @Test
  void proofSpans_areFoldsOfPerfectSubtrees_soALogCanAnswerFromStoredSubtreeHashes() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      List<MerkleTree.Span> spans = new java.util.ArrayList<>();
      spans.add(new MerkleTree.Span(0, n));
      for (int i = 0; i < n; i++) {
        spans.addAll(MerkleTree.inclusionPath(i, n));
      }
      for (int m = 1; m < n; m++) {
        spans.addAll(MerkleTree.consistencyPath(m, n));
      }
      for (MerkleTree.Span span : spans) {
        List<byte[]> parts = new java.util.ArrayList<>();
        for (MerkleTree.Span part : MerkleTree.perfectSubtrees(span)) {
          long size = part.hi() - part.lo();
          assertThat(Long.bitCount(size)).as("%s in %s", part, span).isEqualTo(1);
          assertThat(part.lo() % size).as("%s aligned", part).isZero();
          parts.add(refMth(leaves.subList((int) part.lo(), (int) part.hi())));
        }
        assertThat(hex(MerkleTree.foldRight(parts)))
            .as("n=%d %s", n, span)
            .isEqualTo(hex(refMth(leaves.subList((int) span.lo(), (int) span.hi()))));
      }
    }
  }

  @Test
  void inclusionProof_verifies_forEveryLeaf() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      byte[] root = refMth(leaves);
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = MerkleTree.inclusionProof(leaves, i);

        assertThat(refVerifyInclusion(leaves.get(i), i, n, proof, root))
            .as("independent verifier, n=%d index=%d", n, i)
            .isTrue();
        assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, n, proof, root))
            .as("MerkleTree verifier, n=%d index=%d", n, i)
            .isTrue();
      }
    }
  }

  @Test
  void inclusionProof_fails_whenProofElementTampered() {
    for (int n = 2; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      byte[] root = refMth(leaves);
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = MerkleTree.inclusionProof(leaves, i);
        for (int e = 0; e < proof.size(); e++) {
          List<byte[]> tampered = withFlippedBit(proof, e);

          assertInclusionFails(
              leaves.get(i), i, n, tampered, root, "n=%d index=%d element=%d", n, i, e);
        }
      }
    }
  }

  @Test
  void inclusionProof_fails_whenLeafTampered() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      byte[] root = refMth(leaves);
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = MerkleTree.inclusionProof(leaves, i);

        assertInclusionFails(flipBit(leaves.get(i)), i, n, proof, root, "n=%d index=%d", n, i);
      }
    }
  }

  @Test
  void inclusionProof_fails_whenIndexWrong() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      byte[] root = refMth(leaves);
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = MerkleTree.inclusionProof(leaves, i);
        // Every other position, including the first one past the end.
        for (int j = 0; j <= n; j++) {
          if (j != i) {
            assertInclusionFails(leaves.get(i), j, n, proof, root, "n=%d index=%d as %d", n, i, j);
          }
        }
        assertThat(MerkleTree.verifyInclusion(leaves.get(i), -1, n, proof, root)).isFalse();
      }
    }
  }

  @Test
  void inclusionProof_fails_whenRootTampered() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      byte[] root = flipBit(refMth(leaves));
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = MerkleTree.inclusionProof(leaves, i);

        assertInclusionFails(leaves.get(i), i, n, proof, root, "n=%d index=%d", n, i);
      }
    }
  }

  @Test
  void inclusionProof_fails_whenElementsRemovedOrAdded() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      byte[] root = refMth(leaves);
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = MerkleTree.inclusionProof(leaves, i);
        for (List<byte[]> changed : truncationsAndExtensions(proof, leaves.get(i), root)) {
          assertInclusionFails(leaves.get(i), i, n, changed, root, "n=%d index=%d", n, i);
        }
      }
    }
  }

  @Test
  void verifyInclusion_rejectsMalformedInput_withoutThrowing() {
    List<byte[]> leaves = leaves(5);
    byte[] root = refMth(leaves);
    byte[] leaf = leaves.get(2);
    List<byte[]> proof = MerkleTree.inclusionProof(leaves, 2);
    List<byte[]> withNull = new ArrayList<>(proof);
    withNull.set(1, null);
    List<byte[]> withShortHash = new ArrayList<>(proof);
    withShortHash.set(1, Arrays.copyOf(proof.get(1), 31));

    assertThat(MerkleTree.verifyInclusion(null, 2, 5, proof, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 2, 5, null, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 2, 5, proof, null)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 2, 5, withNull, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 2, 5, withShortHash, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(new byte[0], 2, 5, proof, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 2, 0, proof, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 2, -5, proof, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 5, 5, proof, root)).isFalse();
  }

  @Test
  void inclusionProof_rejectsIndexOutsideTree() {
    List<byte[]> leaves = leaves(4);

    assertThatThrownBy(() -> MerkleTree.inclusionProof(leaves, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.inclusionProof(leaves, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.inclusionProof(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inclusionProof_doesNotShareArraysWithTheLeafList() {
    List<byte[]> leaves = leaves(2);
    String before = hex(leaves.get(1));

    List<byte[]> proof = MerkleTree.inclusionProof(leaves, 0);
    proof.get(0)[0] ^= 1;

    assertThat(hex(leaves.get(1))).isEqualTo(before);
  }

  // ---- consistency ----

  @Test
  void consistencyProof_matchesCertificateTransparencyVectors() {
    List<byte[]> leaves = ctLeafHashes();
    for (Vector v : CT_CONSISTENCY_PROOFS) {
      byte[] oldRoot = unhex(CT_ROOTS.get(v.a()));
      byte[] newRoot = unhex(CT_ROOTS.get(v.b()));

      List<byte[]> proof = MerkleTree.consistencyProof(leaves.subList(0, v.b()), v.a());

      assertThat(hexes(proof)).as("m=%d n=%d", v.a(), v.b()).isEqualTo(v.proof());
      assertThat(MerkleTree.verifyConsistency(v.a(), v.b(), oldRoot, newRoot, proof)).isTrue();
      assertThat(refVerifyConsistency(v.a(), v.b(), oldRoot, newRoot, proof)).isTrue();
    }
  }

  @Test
  void consistencyProof_matchesIndependentSubproof_forEveryOldSize() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      // RFC 9162 defines PROOF(m, D[n]) for 0 < m < n only; m == n is the empty proof.
      for (int m = 1; m < n; m++) {
        assertThat(hexes(MerkleTree.consistencyProof(leaves, m)))
            .as("m=%d n=%d", m, n)
            .isEqualTo(hexes(refProof(m, leaves)));
      }
      assertThat(MerkleTree.consistencyProof(leaves, n)).isEmpty();
    }
  }

  @Test
  void consistencyProof_verifies_forEveryOldSize() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      byte[] newRoot = refMth(leaves);
      for (int m = 1; m <= n; m++) {
        byte[] oldRoot = refMth(leaves.subList(0, m));
        List<byte[]> proof = MerkleTree.consistencyProof(leaves, m);

        assertThat(refVerifyConsistency(m, n, oldRoot, newRoot, proof))
            .as("independent verifier, m=%d n=%d", m, n)
            .isTrue();
        assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, proof))
            .as("MerkleTree verifier, m=%d n=%d", m, n)
            .isTrue();
      }
    }
  }

  @Test
  void consistencyProof_fails_whenOldRootTampered() {
    forEveryConsistencyProof(
        (m, n, oldRoot, newRoot, proof) ->
            assertConsistencyFails(m, n, flipBit(oldRoot), newRoot, proof, "m=%d n=%d", m, n));
  }

  @Test
  void consistencyProof_fails_whenNewRootTampered() {
    forEveryConsistencyProof(
        (m, n, oldRoot, newRoot, proof) ->
            assertConsistencyFails(m, n, oldRoot, flipBit(newRoot), proof, "m=%d n=%d", m, n));
  }

  @Test
  void consistencyProof_fails_whenRootsSwapped() {
    forEveryConsistencyProof(
        (m, n, oldRoot, newRoot, proof) -> {
          if (m < n) {
            assertConsistencyFails(m, n, newRoot, oldRoot, proof, "m=%d n=%d", m, n);
          }
        });
  }

  @Test
  void consistencyProof_fails_whenProofElementTampered() {
    forEveryConsistencyProof(
        (m, n, oldRoot, newRoot, proof) -> {
          for (int e = 0; e < proof.size(); e++) {
            List<byte[]> tampered = withFlippedBit(proof, e);

            assertConsistencyFails(
                m, n, oldRoot, newRoot, tampered, "m=%d n=%d element=%d", m, n, e);
          }
        });
  }

  @Test
  void consistencyProof_fails_whenElementsRemovedOrAdded() {
    forEveryConsistencyProof(
        (m, n, oldRoot, newRoot, proof) -> {
          for (List<byte[]> changed : truncationsAndExtensions(proof, oldRoot, newRoot)) {
            assertConsistencyFails(m, n, oldRoot, newRoot, changed, "m=%d n=%d", m, n);
          }
        });
  }

  @Test
  void consistencyProof_fails_whenOldSizeWrong() {
    forEveryConsistencyProof(
        (m, n, oldRoot, newRoot, proof) -> {
          for (int other = 1; other <= n; other++) {
            if (other != m) {
              assertConsistencyFails(
                  other, n, oldRoot, newRoot, proof, "m=%d claimed as %d, n=%d", m, other, n);
            }
          }
        });
  }

  @Test
  void verifyConsistency_acceptsTrivialProofs_onlyWithMatchingRoots() {
    List<byte[]> leaves = leaves(3);
    byte[] root = refMth(leaves);
    byte[] emptyRoot = sha256();

    assertThat(MerkleTree.verifyConsistency(3, 3, root, root, List.of())).isTrue();
    assertThat(MerkleTree.verifyConsistency(3, 3, root, flipBit(root), List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(3, 3, root, root, List.of(root))).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 3, emptyRoot, root, List.of())).isTrue();
    assertThat(MerkleTree.verifyConsistency(0, 3, root, root, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 3, emptyRoot, root, List.of(root))).isFalse();
    assertThat(MerkleTree.consistencyProof(leaves, 0)).isEmpty();
  }

  @Test
  void verifyConsistency_rejectsMalformedInput_withoutThrowing() {
    List<byte[]> leaves = leaves(7);
    byte[] oldRoot = refMth(leaves.subList(0, 3));
    byte[] newRoot = refMth(leaves);
    List<byte[]> proof = MerkleTree.consistencyProof(leaves, 3);
    List<byte[]> withNull = new ArrayList<>(proof);
    withNull.set(0, null);

    assertThat(MerkleTree.verifyConsistency(3, 7, oldRoot, newRoot, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(3, 7, null, newRoot, proof)).isFalse();
    assertThat(MerkleTree.verifyConsistency(3, 7, oldRoot, null, proof)).isFalse();
    assertThat(MerkleTree.verifyConsistency(3, 7, oldRoot, newRoot, null)).isFalse();
    assertThat(MerkleTree.verifyConsistency(3, 7, oldRoot, newRoot, withNull)).isFalse();
    assertThat(MerkleTree.verifyConsistency(7, 3, newRoot, oldRoot, proof)).isFalse();
    assertThat(MerkleTree.verifyConsistency(-1, 7, oldRoot, newRoot, proof)).isFalse();
  }

  @Test
  void consistencyProof_rejectsOldSizeOutsideTree() {
    List<byte[]> leaves = leaves(4);

    assertThatThrownBy(() -> MerkleTree.consistencyProof(leaves, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.consistencyProof(leaves, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- scale and inputs ----

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void proofs_verify_forOneMillionLeaves() {
    int n = 1_000_000;
    List<byte[]> leaves = leaves(n);
    byte[] root = MerkleTree.rootHash(leaves);

    assertThat(hex(root)).isEqualTo(hex(refMth(leaves)));
    for (int i : new int[] {0, 524_287, 524_288, n - 1}) {
      List<byte[]> proof = MerkleTree.inclusionProof(leaves, i);

      assertThat(refVerifyInclusion(leaves.get(i), i, n, proof, root)).as("index=%d", i).isTrue();
    }
    for (int m : new int[] {1, 524_288, 777_777, n - 1}) {
      byte[] oldRoot = MerkleTree.rootHash(leaves.subList(0, m));
      List<byte[]> proof = MerkleTree.consistencyProof(leaves, m);

      assertThat(refVerifyConsistency(m, n, oldRoot, root, proof)).as("m=%d", m).isTrue();
    }
  }

  @Test
  void proofs_areTheSame_forListsWithoutRandomAccess() {
    List<byte[]> leaves = leaves(13);
    List<byte[]> linked = new LinkedList<>(leaves);

    assertThat(hex(MerkleTree.rootHash(linked))).isEqualTo(hex(refMth(leaves)));
    assertThat(hexes(MerkleTree.inclusionProof(linked, 6))).isEqualTo(hexes(refPath(6, leaves)));
    assertThat(hexes(MerkleTree.consistencyProof(linked, 5))).isEqualTo(hexes(refProof(5, leaves)));
  }

  @Test
  void hex_roundTripsThroughUnhex() {
    byte[] bytes = {0, 1, (byte) 0xab, (byte) 0xff};

    assertThat(MerkleTree.hex(bytes)).isEqualTo("0001abff");
    assertThat(MerkleTree.unhex("0001ABff")).isEqualTo(bytes);
    assertThat(MerkleTree.unhex("")).isEmpty();
  }

  @Test
  void unhex_rejectsOddLengthAndNonHexCharacters() {
    assertThatThrownBy(() -> MerkleTree.unhex("abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.unhex("zz")).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- assertions over both verifiers ----

  private static void assertInclusionFails(
      byte[] leaf,
      long index,
      long size,
      List<byte[]> proof,
      byte[] root,
      String what,
      Object... args) {
    assertThat(refVerifyInclusion(leaf, index, size, proof, root))
        .as("independent verifier, " + what, args)
        .isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, index, size, proof, root))
        .as("MerkleTree verifier, " + what, args)
        .isFalse();
  }

  private static void assertConsistencyFails(
      long m,
      long n,
      byte[] oldRoot,
      byte[] newRoot,
      List<byte[]> proof,
      String what,
      Object... args) {
    assertThat(refVerifyConsistency(m, n, oldRoot, newRoot, proof))
        .as("independent verifier, " + what, args)
        .isFalse();
    assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, proof))
        .as("MerkleTree verifier, " + what, args)
        .isFalse();
  }

  private interface ConsistencyCase {
    void check(int m, int n, byte[] oldRoot, byte[] newRoot, List<byte[]> proof);
  }

  /** Runs check for every 1 <= m <= n <= MAX_SIZE with the genuine proof and roots. */
  private static void forEveryConsistencyProof(ConsistencyCase check) {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leaves(n);
      byte[] newRoot = refMth(leaves);
      for (int m = 1; m <= n; m++) {
        check.check(
            m, n, refMth(leaves.subList(0, m)), newRoot, MerkleTree.consistencyProof(leaves, m));
      }
    }
  }

  /** The proof with an element dropped from either end, or a plausible hash added at either end. */
  private static List<List<byte[]>> truncationsAndExtensions(
      List<byte[]> proof, byte[] someHash, byte[] otherHash) {
    List<List<byte[]>> changed = new ArrayList<>();
    if (!proof.isEmpty()) {
      changed.add(proof.subList(1, proof.size()));
      changed.add(proof.subList(0, proof.size() - 1));
      changed.add(concat(proof, List.of(proof.get(proof.size() - 1))));
      changed.add(concat(List.of(proof.get(0)), proof));
    }
    for (byte[] extra : List.of(someHash, otherHash)) {
      changed.add(concat(proof, List.of(extra)));
      changed.add(concat(List.of(extra), proof));
    }
    return changed;
  }

  // ---- independent reference, straight from RFC 9162 2.1 and deliberately naive ----

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        md.update(part);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] refLeafHash(byte[] data) {
    return sha256(new byte[] {0x00}, data);
  }

  private static byte[] refNodeHash(byte[] left, byte[] right) {
    return sha256(new byte[] {0x01}, left, right);
  }

  /** The RFC's k: the largest power of two smaller than n (k < n <= 2k), found by doubling. */
  private static int refSplit(int n) {
    int k = 1;
    while (2 * k < n) {
      k *= 2;
    }
    return k;
  }

  /** MTH(D[n]) over leaf hashes, recursing on sublists exactly as RFC 9162 2.1.1 reads. */
  private static byte[] refMth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return d.get(0);
    }
    int k = refSplit(n);
    return refNodeHash(refMth(d.subList(0, k)), refMth(d.subList(k, n)));
  }

  /** PATH(m, D[n]) of RFC 9162 2.1.3.1. */
  private static List<byte[]> refPath(int m, List<byte[]> d) {
    int n = d.size();
    if (n == 1) {
      return new ArrayList<>();
    }
    int k = refSplit(n);
    List<byte[]> path;
    if (m < k) {
      path = refPath(m, d.subList(0, k));
      path.add(refMth(d.subList(k, n)));
    } else {
      path = refPath(m - k, d.subList(k, n));
      path.add(refMth(d.subList(0, k)));
    }
    return path;
  }

  /** PROOF(m, D[n]) of RFC 9162 2.1.4.1. */
  private static List<byte[]> refProof(int m, List<byte[]> d) {
    return refSubproof(m, d, true);
  }

  private static List<byte[]> refSubproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    if (m == n) {
      List<byte[]> proof = new ArrayList<>();
      if (!b) {
        proof.add(refMth(d));
      }
      return proof;
    }
    int k = refSplit(n);
    List<byte[]> proof;
    if (m <= k) {
      proof = refSubproof(m, d.subList(0, k), b);
      proof.add(refMth(d.subList(k, n)));
    } else {
      proof = refSubproof(m - k, d.subList(k, n), false);
      proof.add(refMth(d.subList(0, k)));
    }
    return proof;
  }

  private static boolean lsb(long x) {
    return (x & 1) == 1;
  }

  /** RFC 9162 2.1.3.2, step by step. */
  static boolean refVerifyInclusion(
      byte[] hash, long leafIndex, long treeSize, List<byte[]> inclusionPath, byte[] rootHash) {
    // 1.
    if (leafIndex >= treeSize) {
      return false;
    }
    // 2., 3.
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = hash;
    // 4.
    for (byte[] p : inclusionPath) {
      if (sn == 0) {
        return false;
      }
      if (lsb(fn) || fn == sn) {
        r = refNodeHash(p, r);
        if (!lsb(fn)) {
          while (!lsb(fn) && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = refNodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    // 5.
    return sn == 0 && Arrays.equals(r, rootHash);
  }

  /** RFC 9162 2.1.4.2, step by step. */
  static boolean refVerifyConsistency(
      long first, long second, byte[] firstHash, byte[] secondHash, List<byte[]> consistencyPath) {
    // The RFC only defines proofs for first < second; a tree is consistent with itself alone.
    if (first == second) {
      return consistencyPath.isEmpty() && Arrays.equals(firstHash, secondHash);
    }
    if (first > second) {
      return false;
    }
    // 1.
    if (consistencyPath.isEmpty()) {
      return false;
    }
    // 2.
    List<byte[]> path = new ArrayList<>(consistencyPath);
    if ((first & (first - 1)) == 0) {
      path.add(0, firstHash);
    }
    // 3.
    long fn = first - 1;
    long sn = second - 1;
    // 4.
    if (lsb(fn)) {
      while (lsb(fn)) {
        fn >>= 1;
        sn >>= 1;
      }
    }
    // 5.
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    // 6.
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if (lsb(fn) || fn == sn) {
        fr = refNodeHash(c, fr);
        sr = refNodeHash(c, sr);
        if (!lsb(fn)) {
          while (!lsb(fn) && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = refNodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    // 7.
    return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
  }

  // ---- data ----

  /** n distinct leaf hashes, made by the test's own hashing. */
  private static List<byte[]> leaves(int n) {
    List<byte[]> leaves = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      leaves.add(refLeafHash(("entry " + i).getBytes(UTF_8)));
    }
    return leaves;
  }

  private static List<byte[]> ctLeafHashes() {
    List<byte[]> leaves = new ArrayList<>();
    for (String input : CT_LEAF_INPUTS) {
      leaves.add(refLeafHash(unhex(input)));
    }
    return leaves;
  }

  private static byte[] flipBit(byte[] hash) {
    byte[] copy = hash.clone();
    copy[0] ^= 0x08;
    return copy;
  }

  private static List<byte[]> withFlippedBit(List<byte[]> proof, int element) {
    List<byte[]> copy = new ArrayList<>(proof);
    copy.set(element, flipBit(proof.get(element)));
    return copy;
  }

  private static List<byte[]> concat(List<byte[]> first, List<byte[]> second) {
    List<byte[]> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static byte[] unhex(String hex) {
    return HEX.parseHex(hex);
  }

  private static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  private static List<String> hexes(List<byte[]> hashes) {
    return hashes.stream().map(MerkleTreeTest::hex).toList();
  }
}
