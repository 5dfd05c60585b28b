package org.datasharing.registry.web.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.audit.PublishedKey;
import org.datasharing.registry.core.audit.SigningKey;
import org.datasharing.registry.core.audit.TreeHeads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registry's signed tree heads, with the signing key from {@code registry.audit}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class TreeHeadConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(TreeHeadConfiguration.class);

  @Bean
  TreeHeads treeHeads(Registry registry, AuditProperties audit, StoreProperties store) {
    Path file = audit.signingKeyFile(store);
    boolean created = !Files.exists(file);
    SigningKey key = SigningKey.loadOrCreate(file);
    LOG.info(
        "{} the audit log's signing key {} (key id {})",
        created ? "created" : "using",
        file,
        key.publicKey().keyId());
    List<PublishedKey> retired = new ArrayList<>();
    for (Path p : audit.retiredKeys()) {
      try {
        retired.add(PublishedKey.fromPem(Files.readString(p, StandardCharsets.US_ASCII), false));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read registry.audit.retired-keys entry " + p, e);
      }
    }
    return registry.treeHeads(key, retired);
  }
}
