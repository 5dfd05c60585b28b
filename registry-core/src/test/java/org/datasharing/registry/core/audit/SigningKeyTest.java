package org.datasharing.registry.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
  @TempDir Path dir;

  @Test
  void loadOrCreate_createsTheKeyOnce_andReadsTheSameKeyBack() throws Exception {
    Path file = dir.resolve("keys/audit-signing-key.pem");
    SigningKey created = SigningKey.loadOrCreate(file);
    assertThat(Files.readString(file)).contains("PRIVATE KEY", "PUBLIC KEY");
    SigningKey again = SigningKey.loadOrCreate(file);
    assertThat(again.publicKey().keyId()).isEqualTo(created.publicKey().keyId());
    byte[] data = "tree head".getBytes(StandardCharsets.US_ASCII);
    assertThat(created.publicKey().verifies(data, again.sign(data))).isTrue();
    assertThat(Files.list(file.getParent())).hasSize(1); // no partial file left behind
  }

  @Test
  void fromPem_refusesAPublicKeyThatIsNotThePrivateKeys() {
    SigningKey a = SigningKey.generate();
    SigningKey b = SigningKey.generate();
    String mixed =
        a.pem().substring(0, a.pem().indexOf("-----BEGIN PUBLIC KEY")) + b.publicKey().pem();
    assertThatThrownBy(() -> SigningKey.fromPem(mixed))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SigningKey.fromPem(a.publicKey().pem()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signedTreeHead_verifiesOnlyWithItsKey_andItsOwnFields() {
    SigningKey key = SigningKey.generate();
    byte[] root = MerkleTree.rootHash(java.util.List.of(MerkleTree.leafHash(new byte[] {1})));
    Instant at = Instant.parse("2026-12-03T10:00:00.123Z");
    byte[] signed = SignedTreeHead.signedBytes(1, root, at);
    assertThat(signed).hasSize(51);
    SignedTreeHead head =
        new SignedTreeHead(1, root, at, key.publicKey().keyId(), key.sign(signed));
    assertThat(head.verifiedBy(key.publicKey())).isTrue();
    assertThat(head.verifiedBy(SigningKey.generate().publicKey())).isFalse();
    SignedTreeHead bigger =
        new SignedTreeHead(2, root, at, key.publicKey().keyId(), head.signature());
    assertThat(bigger.verifiedBy(key.publicKey())).isFalse();
    assertThat(PublishedKey.fromPem(key.publicKey().pem(), true).keyId())
        .isEqualTo(key.publicKey().keyId());
  }
}
