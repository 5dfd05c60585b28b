package org.datasharing.registry.core.identity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.datasharing.registry.core.organisation.Organisation;

/**
 * An identity directory in memory, with failures to order: {@code failOn("addMember", Kind.FAILED)}
 * makes the next call of that method fail once.
 */
final class FakeDirectory implements IdentityDirectory {
  final Map<String, DirectoryOrganisation> organisations = new LinkedHashMap<>();
  final Map<String, DirectoryUser> users = new LinkedHashMap<>();
  final Map<String, Set<String>> members = new HashMap<>(); // alias -> user ids
  final List<String> emailsSent = new ArrayList<>();
  boolean smtp;
  private final Map<String, DirectoryException.Kind> failures = new HashMap<>();
  private DirectoryException.Kind always;

  static FakeDirectory inStepWith(List<Organisation> registered) {
    FakeDirectory d = new FakeDirectory();
    registered.forEach(o -> d.createOrganisation(o.id(), o.name(), o.domain()));
    return d;
  }

  FakeDirectory failOn(String method, DirectoryException.Kind kind) {
    failures.put(method, kind);
    return this;
  }

  /** Every call fails this way from now on (null: back to normal). */
  FakeDirectory failAlways(DirectoryException.Kind kind) {
    always = kind;
    return this;
  }

  private void check(String method) {
    DirectoryException.Kind kind = always != null ? always : failures.remove(method);
    if (kind != null) {
      throw new DirectoryException(kind, method + " failed (" + kind + ")");
    }
  }

  DirectoryUser user(String username) {
    return users.values().stream()
        .filter(u -> u.username().equals(username))
        .findFirst()
        .orElseThrow();
  }

  DirectoryUser seedMember(String alias, String username, String email, MemberRole... roles) {
    DirectoryUser u =
        new DirectoryUser(UUID.randomUUID().toString(), username, email, "A", "B", Set.of(roles));
    users.put(u.id(), u);
    members.computeIfAbsent(alias, a -> new HashSet<>()).add(u.id());
    return u;
  }

  @Override
  public List<DirectoryOrganisation> organisations() {
    check("organisations");
    return List.copyOf(organisations.values());
  }

  @Override
  public DirectoryOrganisation createOrganisation(String alias, String name, String domain) {
    check("createOrganisation");
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
  public void updateOrganisation(String alias, String name, String domain) {
    check("updateOrganisation");
    DirectoryOrganisation d = organisations.get(alias);
    organisations.put(alias, new DirectoryOrganisation(d.id(), alias, name, List.of(domain)));
  }

  @Override
  public List<DirectoryUser> members(String alias) {
    check("members");
    return members.getOrDefault(alias, Set.of()).stream().map(users::get).toList();
  }

  @Override
  public Optional<DirectoryUser> userByUsername(String username) {
    check("userByUsername");
    return users.values().stream().filter(u -> u.username().equals(username)).findFirst();
  }

  @Override
  public Optional<DirectoryUser> userByEmail(String email) {
    check("userByEmail");
    return users.values().stream().filter(u -> email.equals(u.email())).findFirst();
  }

  @Override
  public DirectoryUser createUser(NewMember m) {
    check("createUser");
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
  public void deleteUser(String userId) {
    check("deleteUser");
    users.remove(userId);
  }

  @Override
  public Set<String> organisationsOf(String userId) {
    check("organisationsOf");
    Set<String> out = new HashSet<>();
    members.forEach(
        (alias, ids) -> ids.stream().filter(userId::equals).forEach(x -> out.add(alias)));
    return out;
  }

  @Override
  public void grantRole(String userId, MemberRole role) {
    check("grantRole");
    DirectoryUser u = users.get(userId);
    Set<MemberRole> roles = EnumSet.noneOf(MemberRole.class);
    roles.addAll(u.roles());
    roles.add(role);
    users.put(userId, withRoles(u, roles));
  }

  @Override
  public void revokeRoles(String userId, Set<MemberRole> roles) {
    check("revokeRoles");
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
  public void addMember(String alias, String userId) {
    check("addMember");
    members.computeIfAbsent(alias, a -> new HashSet<>()).add(userId);
  }

  @Override
  public void removeMember(String alias, String userId) {
    check("removeMember");
    members.getOrDefault(alias, new HashSet<>()).remove(userId);
  }

  @Override
  public boolean sendsEmail() {
    check("sendsEmail");
    return smtp;
  }

  @Override
  public void sendSetupEmail(String userId) {
    check("sendSetupEmail");
    emailsSent.add(users.get(userId).username());
  }
}
