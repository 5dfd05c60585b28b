package org.datasharing.registry.web.identity;

import static org.datasharing.registry.web.identity.KeycloakErrors.call;
import static org.datasharing.registry.web.identity.KeycloakErrors.expect;
import static org.datasharing.registry.web.identity.KeycloakErrors.run;

import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.datasharing.registry.core.identity.DirectoryUser;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.identity.NewMember;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** The user side of {@link KeycloakIdentityDirectory}: users, their realm roles and e-mail. */
final class KeycloakUsers {
  private static final List<String> SETUP_ACTIONS = List.of("UPDATE_PASSWORD", "VERIFY_EMAIL");

  private final Supplier<RealmResource> realm;

  KeycloakUsers(Supplier<RealmResource> realm) {
    this.realm = realm;
  }

  private RealmResource realm() {
    return realm.get();
  }

  static DirectoryUser user(UserRepresentation u, Set<MemberRole> roles) {
    return new DirectoryUser(
        u.getId(), u.getUsername(), u.getEmail(), u.getFirstName(), u.getLastName(), roles);
  }

  private Optional<DirectoryUser> withRoles(List<UserRepresentation> found) {
    return found.stream()
        .findFirst()
        .map(
            u -> {
              Set<MemberRole> roles = EnumSet.noneOf(MemberRole.class);
              realm().users().get(u.getId()).roles().realmLevel().listAll().stream()
                  .map(RoleRepresentation::getName)
                  .forEach(n -> MemberRole.of(n).ifPresent(roles::add));
              return user(u, roles);
            });
  }

  Optional<DirectoryUser> userByUsername(String username) {
    return call(
        "find user " + username, () -> withRoles(realm().users().searchByUsername(username, true)));
  }

  Optional<DirectoryUser> userById(String id) {
    return call(
        "find user by id",
        () -> {
          try {
            return withRoles(List.of(realm().users().get(id).toRepresentation()));
          } catch (jakarta.ws.rs.NotFoundException e) {
            return Optional.empty();
          }
        });
  }

  Optional<DirectoryUser> userByEmail(String email) {
    return call("find user by e-mail", () -> withRoles(realm().users().searchByEmail(email, true)));
  }

  DirectoryUser createUser(NewMember m) {
    return call(
        "create user " + m.username(),
        () -> {
          UserRepresentation u = new UserRepresentation();
          u.setUsername(m.username());
          u.setEmail(m.email());
          u.setFirstName(m.firstName());
          u.setLastName(m.lastName());
          u.setEnabled(true);
          u.setEmailVerified(false);
          Response r = realm().users().create(u);
          String id = CreatedResponseUtil.getCreatedId(expect("create user", r, 201));
          return new DirectoryUser(
              id, m.username(), m.email(), m.firstName(), m.lastName(), Set.of());
        });
  }

  void deleteUser(String userId) {
    run("delete user", () -> expect("delete user", realm().users().delete(userId), 204, 404));
  }

  void grantRole(String userId, MemberRole role) {
    run(
        "grant role " + role.realmRole(),
        () -> {
          RoleRepresentation r = realm().roles().get(role.realmRole()).toRepresentation();
          realm().users().get(userId).roles().realmLevel().add(List.of(r));
        });
  }

  void revokeRoles(String userId, Set<MemberRole> roles) {
    run(
        "revoke roles",
        () -> {
          var mappings = realm().users().get(userId).roles().realmLevel();
          List<RoleRepresentation> held =
              mappings.listAll().stream()
                  .filter(r -> MemberRole.of(r.getName()).filter(roles::contains).isPresent())
                  .toList();
          if (!held.isEmpty()) {
            mappings.remove(held);
          }
        });
  }

  boolean sendsEmail() {
    return call(
        "read the realm's e-mail settings",
        () -> {
          Map<String, String> smtp = realm().toRepresentation().getSmtpServer();
          return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
        });
  }

  void sendSetupEmail(String userId) {
    run(
        "send the set-up e-mail",
        () -> realm().users().get(userId).executeActionsEmail(SETUP_ACTIONS));
  }
}
