package org.datasharing.registry.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * A public key the registry signs (or signed) tree heads with: Ed25519, as its DER
 * SubjectPublicKeyInfo. Its key id is the lower-case hex SHA-256 of that DER, so anyone can compute
 * it ({@code openssl pkey -pubin -in key.pem -outform DER | sha256sum}).
 */
public record PublishedKey(String keyId, byte[] spki, boolean current) {
  public static final String ALGORITHM = "Ed25519";

  public PublishedKey {
    Objects.requireNonNull(keyId, "keyId");
    spki = spki.clone();
  }

  /** The key from its DER SubjectPublicKeyInfo; IllegalArgumentException if it is not Ed25519. */
  public static PublishedKey of(byte[] spki, boolean current) {
    toPublicKey(spki); // refuses anything but an Ed25519 key
    return new PublishedKey(keyIdOf(spki), spki, current);
  }

  /** The key from a PEM file's {@code PUBLIC KEY} block. */
  public static PublishedKey fromPem(String pem, boolean current) {
    return of(Pem.block(pem, "PUBLIC KEY"), current);
  }

  /** Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo. */
  public static String keyIdOf(byte[] spki) {
    try {
      return MerkleTree.hex(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public byte[] spki() {
    return spki.clone();
  }

  public String spkiBase64() {
    return Base64.getEncoder().encodeToString(spki);
  }

  public String pem() {
    return Pem.encode("PUBLIC KEY", spki);
  }

  /** Whether {@code signature} is this key's Ed25519 signature of {@code data}. */
  public boolean verifies(byte[] data, byte[] signature) {
    try {
      Signature v = Signature.getInstance(ALGORITHM);
      v.initVerify(toPublicKey(spki));
      v.update(data);
      return v.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // a malformed signature is a failed check, never an error
      return false;
    }
  }

  static PublicKey toPublicKey(byte[] spki) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  /** PEM (RFC 7468) blocks: base64 of DER between BEGIN and END lines. */
  static final class Pem {
    private Pem() {}

    static String encode(String label, byte[] der) {
      return "-----BEGIN "
          + label
          + "-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END "
          + label
          + "-----\n";
    }

    /** The DER of the first block with this label; IllegalArgumentException if there is none. */
    static byte[] block(String pem, String label) {
      String begin = "-----BEGIN " + label + "-----";
      String end = "-----END " + label + "-----";
      int b = pem.indexOf(begin);
      int e = b < 0 ? -1 : pem.indexOf(end, b);
      if (b < 0 || e < 0) {
        throw new IllegalArgumentException("no " + label + " block in the PEM text");
      }
      return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }
  }
}
