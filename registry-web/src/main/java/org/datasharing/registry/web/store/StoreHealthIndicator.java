package org.datasharing.registry.web.store;

import org.datasharing.registry.core.store.RegistryStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness includes the store: it must answer and hold the audit log head. */
@Component("store")
class StoreHealthIndicator implements HealthIndicator {
  private final RegistryStore store;

  StoreHealthIndicator(RegistryStore store) {
    this.store = store;
  }

  @Override
  public Health health() {
    try {
      return Health.up()
          .withDetail("graphs", store.graphNames().size())
          .withDetail("auditEvents", store.logHead().size())
          .withDetail("bytesOnDisk", store.sizeOnDisk())
          .build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
    }
  }
}
