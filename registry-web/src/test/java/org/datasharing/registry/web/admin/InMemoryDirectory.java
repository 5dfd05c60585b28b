package org.datasharing.registry.web.admin;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.DirectoryOrganisation;
import org.datasharing.registry.core.identity.DirectoryUser;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.identity.NewMember;

/** Keycloak's organisations and users in memory; {@link #failing} makes every call fail so. */
final class InMemoryDirectory implements IdentityDirectory {
  final Map<String, DirectoryOrganisation> organisations = new LinkedHashMap<>();
  final Map<String, DirectoryUser> users = new LinkedHashMap<>();
  final Map<String, Set<String>> members = new HashMap<>(); // alias -> user ids
  volatile DirectoryException.Kind failing;

  private void check() {
    DirectoryException.Kind kind = failing;
    if (kind != null) {
      throw new DirectoryException(kind, "Keycloak is down (" + kind + ")");
    }
  }

  @Override
  public synchronized List<DirectoryOrganisation> organisations() {
    check();
    return List.copyOf(organisations.values());
  }

  @Override
  public synchronized DirectoryOrganisation createOrganisation(
      String alias, String name, String domain) {
    check();
    for (DirectoryOrganisation d : organisations.values()) {
      if (d.alias().equals(alias) || d.name().equals(name) || d.domains().contains(domain)) {
        throw new DirectoryException(DirectoryException.Kind.CONFLICT, "taken", "name", null);
      }
    }
    DirectoryOrganisation d =
        new DirectoryOrganisation(UUID.randomUUID().toString(), alias, name, List.of(domain));
    organisations.put(alias, d);
    return d;
  }

  @Override
  public synchronized void updateOrganisation(String alias, String name, String domain) {
    check();
    DirectoryOrganisation d = organisations.get(alias);
    organisations.put(alias, new DirectoryOrganisation(d.id(), alias, name, List.of(domain)));
  }

  @Override
  public synchronized List<DirectoryUser> members(String alias) {
    check();
    return members.getOrDefault(alias, Set.of()).stream().map(users::get).toList();
  }

  @Override
  public synchronized Optional<DirectoryUser> userByUsername(String username) {
    check();
    return users.values().stream().filter(u -> u.username().equals(username)).findFirst();
  }

  @Override
  public synchronized Optional<DirectoryUser> userByEmail(String email) {
    check();
    return users.values().stream().filter(u -> email.equals(u.email())).findFirst();
  }

  @Override
  public synchronized DirectoryUser createUser(NewMember m) {
    check();
    DirectoryUser u =
        new DirectoryUser(
            UUID.randomUUID().toString(),
            m.username(),
            m.email(),
            m.firstName(),
            m.lastName(),
            Set.of());
    users.put(u.id(), u);
    return u;
  }

  @Override
  public synchronized void deleteUser(String userId) {
    check();
    users.remove(userId);
  }

  @Override
  public synchronized Set<String> organisationsOf(String userId) {
    check();
    Set<String> out = new HashSet<>();
    members.forEach(
        (alias, ids) -> ids.stream().filter(userId::equals).forEach(x -> out.add(alias)));
    return out;
  }

  @Override
  public synchronized void grantRole(String userId, MemberRole role) {
    check();
    DirectoryUser u = users.get(userId);
    Set<MemberRole> roles = EnumSet.noneOf(MemberRole.class);
    roles.addAll(u.roles());
    roles.add(role);
    users.put(userId, withRoles(u, roles));
  }

  @Override
  public synchronized void revokeRoles(String userId, Set<MemberRole> roles) {
    check();
    DirectoryUser u = users.get(userId);
    Set<MemberRole> left = EnumSet.noneOf(MemberRole.class);
    left.addAll(u.roles());
    left.removeAll(roles);
    users.put(userId, withRoles(u, left));
  }

  private static DirectoryUser withRoles(DirectoryUser u, Set<MemberRole> roles) {
    return new DirectoryUser(u.id(), u.username(), u.email(), u.firstName(), u.lastName(), roles);
  }

  @Override
  public synchronized void addMember(String alias, String userId) {
    check();
    members.computeIfAbsent(alias, a -> new HashSet<>()).add(userId);
  }

  @Override
  public synchronized void removeMember(String alias, String userId) {
    check();
    members.getOrDefault(alias, new HashSet<>()).remove(userId);
  }

  @Override
  public boolean sendsEmail() {
    check();
    return false;
  }

  @Override
  public void sendSetupEmail(String userId) {
    check();
  }
}
