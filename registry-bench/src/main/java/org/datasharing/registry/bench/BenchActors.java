package org.datasharing.registry.bench;

import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.common.Actor;

/** The users the in-process benchmarks act as. */
final class BenchActors {
  private BenchActors() {}

  /** An auditor with no organisation: sees every dataset and the whole audit log. */
  static Actor auditor() {
    return new Actor(
        "bench-auditor", "bench-auditor", Optional.empty(), Set.of(Actor.Role.AUDITOR));
  }

  /** The registry administrator who imports the generated catalogue. */
  static Actor registryAdmin() {
    return new Actor(
        "bench-admin", "bench-admin", Optional.empty(), Set.of(Actor.Role.REGISTRY_ADMIN));
  }

  static Actor partner(String org) {
    return new Actor(
        "bench-partner-" + org, "partner", Optional.of(org), Set.of(Actor.Role.PARTNER));
  }

  static Actor dpo(String org) {
    return new Actor("bench-dpo-" + org, "dpo", Optional.of(org), Set.of(Actor.Role.DPO));
  }
}
