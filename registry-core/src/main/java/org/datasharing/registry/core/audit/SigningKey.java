package org.datasharing.registry.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The registry's own Ed25519 key for signing tree heads, kept in one PEM file holding a {@code
 * PRIVATE KEY} (PKCS#8) and a {@code PUBLIC KEY} (SubjectPublicKeyInfo) block.
 */
public final class SigningKey {
  private final PrivateKey privateKey;
  private final PublishedKey publicKey;

  private SigningKey(PrivateKey privateKey, byte[] spki) {
    this.privateKey = privateKey;
    this.publicKey = PublishedKey.of(spki, true);
  }

  /** A new key, held in memory only. */
  public static SigningKey generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(PublishedKey.ALGORITHM).generateKeyPair();
      return new SigningKey(pair.getPrivate(), pair.getPublic().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    }
  }

  /** The key in {@code pem} (both blocks); IllegalArgumentException if either is missing. */
  public static SigningKey fromPem(String pem) {
    byte[] pkcs8 = PublishedKey.Pem.block(pem, "PRIVATE KEY");
    byte[] spki = PublishedKey.Pem.block(pem, "PUBLIC KEY");
    try {
      PrivateKey key =
          KeyFactory.getInstance(PublishedKey.ALGORITHM)
              .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      SigningKey signing = new SigningKey(key, spki);
      // the two blocks must be one key pair, or every signature would fail to verify
      byte[] probe = "registry signing key check".getBytes(StandardCharsets.US_ASCII);
      if (!signing.publicKey.verifies(probe, signing.sign(probe))) {
        throw new IllegalArgumentException("the PUBLIC KEY is not the PRIVATE KEY's");
      }
      return signing;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the PRIVATE KEY is not an Ed25519 key", e);
    }
  }

  /**
   * The key in {@code file}; if there is no file, a new key written there (readable by its owner
   * only, where the file system allows). Two processes starting at once end up with the same key.
   */
  public static SigningKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
      }
      Path folder = file.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      SigningKey key = generate();
      Path partial = Files.createTempFile(folder, file.getFileName().toString(), ".partial");
      try {
        restrictToOwner(partial);
        Files.writeString(partial, key.pem(), StandardCharsets.US_ASCII);
        try {
          // a hard link appears whole and never replaces a key another process wrote first
          Files.createLink(file, partial);
        } catch (UnsupportedOperationException noLinks) {
          Files.move(partial, file);
        }
      } catch (FileAlreadyExistsException raced) {
        return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
      } finally {
        Files.deleteIfExists(partial);
      }
      // read back what is on disk, which another process may have written first
      return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the signing key " + file, e);
    }
  }

  /** The Ed25519 signature of {@code data}. */
  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance(PublishedKey.ALGORITHM);
      s.initSign(privateKey);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the registry's key", e);
    }
  }

  /** The public half, as published. */
  public PublishedKey publicKey() {
    return publicKey;
  }

  String pem() {
    return PublishedKey.Pem.encode("PRIVATE KEY", privateKey.getEncoded()) + publicKey.pem();
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the folder's ACLs apply
    }
  }
}
