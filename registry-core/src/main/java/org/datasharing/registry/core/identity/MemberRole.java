package org.datasharing.registry.core.identity;

import java.util.Arrays;
import java.util.Optional;

/** The realm roles an organisation's member can be given through onboarding. */
public enum MemberRole {
  DPO("dpo"),
  PARTNER("partner"),
  /** Signs off the organisation's approvals where it requires that (SIRO, Caldicott Guardian). */
  SENIOR_OFFICER("senior-officer");

  private final String realmRole;

  MemberRole(String realmRole) {
    this.realmRole = realmRole;
  }

  /** The Keycloak realm role's name. */
  public String realmRole() {
    return realmRole;
  }

  public static Optional<MemberRole> of(String name) {
    return Arrays.stream(values()).filter(r -> r.realmRole.equals(name)).findFirst();
  }
}
