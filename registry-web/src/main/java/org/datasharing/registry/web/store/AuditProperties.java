package org.datasharing.registry.web.store;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key the registry signs its audit log's tree heads with. {@code signingKey}: a PEM file with
 * the Ed25519 private and public key, created on first start if absent; empty means {@code
 * audit-signing-key.pem} beside the store's data folder. {@code retiredKeys}: PEM public keys the
 * registry signed with before a rotation, still published so that older tree heads can be checked.
 */
@ConfigurationProperties("registry.audit")
public record AuditProperties(
    @DefaultValue("") String signingKey, @DefaultValue List<Path> retiredKeys) {

  /** The signing key's file: as configured, else beside the store's data folder. */
  public Path signingKeyFile(StoreProperties store) {
    if (!signingKey.isBlank()) {
      return Path.of(signingKey);
    }
    Path data = store.dataDir().toAbsolutePath();
    Path folder = data.getParent() == null ? data : data.getParent();
    return folder.resolve("audit-signing-key.pem");
  }
}
