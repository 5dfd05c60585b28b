package org.datasharing.registry.core.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The identity provider's directory of organisations and users (Keycloak in production): the port
 * the onboarding service drives. Organisations are found by alias, which is the registry's
 * organisation identifier. Every method throws {@link DirectoryException} when the directory fails
 * or refuses; writes are idempotent, so a pending operation can be retried safely.
 */
public interface IdentityDirectory {

  /** Every organisation in the directory. */
  List<DirectoryOrganisation> organisations();

  /** The organisation with this alias, if any. */
  default Optional<DirectoryOrganisation> organisation(String alias) {
    return organisations().stream().filter(o -> o.alias().equals(alias)).findFirst();
  }

  /** Creates an organisation with one domain. CONFLICT if the alias, name or domain is taken. */
  DirectoryOrganisation createOrganisation(String alias, String name, String domain);

  /** Sets the name and the (single) domain of an existing organisation. */
  void updateOrganisation(String alias, String name, String domain);

  /** The organisation's members, with their registry roles. */
  List<DirectoryUser> members(String alias);

  /** The user with this username, if any. */
  Optional<DirectoryUser> userByUsername(String username);

  /**
   * The user with this directory identifier (the token's subject), if any. A directory that cannot
   * look users up by identifier finds nobody.
   */
  default Optional<DirectoryUser> userById(String id) {
    return Optional.empty();
  }

  /** The user with this e-mail address, if any. */
  Optional<DirectoryUser> userByEmail(String email);

  /** Creates an enabled user without credentials. CONFLICT if the username or e-mail is taken. */
  DirectoryUser createUser(NewMember member);

  /** Deletes a user (only to undo a user created moments before). */
  void deleteUser(String userId);

  /** The aliases of the organisations the user is a member of. */
  Set<String> organisationsOf(String userId);

  /** Grants the realm role (idempotent). */
  void grantRole(String userId, MemberRole role);

  /** Revokes the realm roles the user holds among those given. */
  void revokeRoles(String userId, Set<MemberRole> roles);

  /** Adds the user to the organisation (idempotent). */
  void addMember(String alias, String userId);

  /** Removes the user from the organisation (idempotent). */
  void removeMember(String alias, String userId);

  /** Whether the directory can send e-mail (for Keycloak: the realm has an SMTP server). */
  boolean sendsEmail();

  /** Sends the user an e-mail asking them to set a password and verify their address. */
  void sendSetupEmail(String userId);
}
