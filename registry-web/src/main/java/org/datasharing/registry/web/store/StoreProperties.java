package org.datasharing.registry.web.store;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the registry keeps its data. {@code mode=tdb2} (default) embeds TDB2 in {@code dataDir};
 * {@code mode=remote} talks SPARQL 1.1 to {@code remoteUrl} (a Fuseki dataset URL). Backups of the
 * embedded store go to {@code backupDir}.
 */
@ConfigurationProperties("registry.store")
public record StoreProperties(
    @DefaultValue("tdb2") String mode,
    @DefaultValue("data/tdb2") Path dataDir,
    @DefaultValue("") String remoteUrl,
    @DefaultValue("http://localhost:8080/id/") String base,
    @DefaultValue("true") boolean sampleData,
    @DefaultValue("data/backups") Path backupDir) {}
