package org.datasharing.registry.core.common;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * Who is acting: the token's subject and username, their organisation (the Keycloak organisation
 * alias, which is also the registry's organisation slug) and their registry roles.
 */
public record Actor(
    String subject, String username, Optional<String> organisation, Set<Role> roles) {

  /** Registry roles, as realm roles in Keycloak. */
  public enum Role {
    PARTNER,
    DPO,
    AUDITOR,
    REGISTRY_ADMIN
  }

  public Actor {
    requireNonNull(subject, "subject");
    requireNonNull(username, "username");
    organisation = organisation == null ? Optional.empty() : organisation;
    roles = Set.copyOf(roles);
  }

  public static Actor system() {
    return new Actor("system", "system", Optional.empty(), Set.of());
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** A member of the given organisation (partner or DPO). */
  public boolean memberOf(String organisationSlug) {
    return organisation.filter(organisationSlug::equals).isPresent()
        && (has(Role.PARTNER) || has(Role.DPO));
  }

  public boolean dpoOf(String organisationSlug) {
    return has(Role.DPO) && organisation.filter(organisationSlug::equals).isPresent();
  }
}
