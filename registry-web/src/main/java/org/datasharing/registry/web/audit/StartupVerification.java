package org.datasharing.registry.web.audit;

import org.datasharing.registry.core.audit.LogVerifications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Verifies the whole log in the background once the registry is ready, so auditors' pages show a
 * result without each page view recomputing the log ({@code registry.audit.verify-at-start}).
 */
@Component
class StartupVerification {
  private final LogVerifications verifications;
  private final boolean enabled;

  StartupVerification(
      LogVerifications verifications,
      @Value("${registry.audit.verify-at-start:true}") boolean enabled) {
    this.verifications = verifications;
    this.enabled = enabled;
  }

  @EventListener(ApplicationReadyEvent.class)
  void verify() {
    if (enabled) {
      verifications.startUnrecorded();
    }
  }
}
