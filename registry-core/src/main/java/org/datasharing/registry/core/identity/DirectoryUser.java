package org.datasharing.registry.core.identity;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/** A user as the identity directory holds it, with the registry roles it grants them. */
public record DirectoryUser(
    String id,
    String username,
    String email,
    String firstName,
    String lastName,
    Set<MemberRole> roles) {
  public DirectoryUser {
    requireNonNull(id, "id");
    requireNonNull(username, "username");
    roles = roles == null ? Set.of() : Set.copyOf(roles);
  }

  public boolean has(MemberRole role) {
    return roles.contains(role);
  }
}
