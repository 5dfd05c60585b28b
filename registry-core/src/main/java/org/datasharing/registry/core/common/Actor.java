package org.datasharing.registry.core.common;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * Who is acting: the token's subject and username, their organisation (the Keycloak organisation
 * alias, which is also the registry's organisation slug), their registry roles and their display
 * name (the token's {@code name}), which the audit log records with each event.
 */
public record Actor(
    String subject,
    String username,
    Optional<String> organisation,
    Set<Role> roles,
    Optional<String> name) {

  /** Registry roles, as realm roles in Keycloak. */
  public enum Role {
    PARTNER,
    DPO,
    AUDITOR,
    REGISTRY_ADMIN,
    /**
     * A senior officer (SIRO, Caldicott Guardian) who signs off the organisation's approval where
     * the organisation requires it; sees the organisation's agreements but does not draft them.
     */
    SENIOR_OFFICER
  }

  public Actor {
    requireNonNull(subject, "subject");
    requireNonNull(username, "username");
    organisation = organisation == null ? Optional.empty() : organisation;
    roles = Set.copyOf(roles);
    name = name == null ? Optional.<String>empty() : name.filter(n -> !n.isBlank());
  }

  /** An actor whose display name is not known. */
  public Actor(String subject, String username, Optional<String> organisation, Set<Role> roles) {
    this(subject, username, organisation, roles, Optional.empty());
  }

  public static Actor system() {
    return new Actor("system", "system", Optional.empty(), Set.of());
  }

  /** The role's name as in Keycloak's realm roles ({@code dpo}, {@code registry-admin}, ...). */
  public static String roleName(Role role) {
    return role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** A member of the given organisation (partner or DPO). */
  public boolean memberOf(String organisationSlug) {
    return organisation.filter(organisationSlug::equals).isPresent()
        && (has(Role.PARTNER) || has(Role.DPO));
  }

  /** A senior officer of the given organisation. */
  public boolean seniorOfficerOf(String organisationSlug) {
    return has(Role.SENIOR_OFFICER) && organisation.filter(organisationSlug::equals).isPresent();
  }

  public boolean dpoOf(String organisationSlug) {
    return has(Role.DPO) && organisation.filter(organisationSlug::equals).isPresent();
  }
}
