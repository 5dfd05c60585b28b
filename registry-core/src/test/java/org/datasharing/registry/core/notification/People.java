package org.datasharing.registry.core.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.DirectoryOrganisation;
import org.datasharing.registry.core.identity.DirectoryUser;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.identity.NewMember;

/** A directory of people only (what notifications read); it can be made to fail like a down one. */
final class People implements IdentityDirectory {
  final Map<String, List<DirectoryUser>> members = new HashMap<>();
  final Map<String, DirectoryUser> byId = new HashMap<>();
  boolean down;

  People person(String org, String id, String email, MemberRole role) {
    DirectoryUser u = new DirectoryUser(id, id, email, "First", "Last", Set.of(role));
    members.computeIfAbsent(org, o -> new ArrayList<>()).add(u);
    byId.put(id, u);
    return this;
  }

  @Override
  public List<DirectoryUser> members(String alias) {
    if (down) {
      throw new DirectoryException(DirectoryException.Kind.NO_ANSWER, "directory down");
    }
    return members.getOrDefault(alias, List.of());
  }

  @Override
  public Optional<DirectoryUser> userById(String id) {
    if (down) {
      throw new DirectoryException(DirectoryException.Kind.NO_ANSWER, "directory down");
    }
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<DirectoryOrganisation> organisations() {
    throw new UnsupportedOperationException();
  }

  @Override
  public DirectoryOrganisation createOrganisation(String alias, String name, String domain) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void updateOrganisation(String alias, String name, String domain) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<DirectoryUser> userByUsername(String username) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<DirectoryUser> userByEmail(String email) {
    throw new UnsupportedOperationException();
  }

  @Override
  public DirectoryUser createUser(NewMember member) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void deleteUser(String userId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Set<String> organisationsOf(String userId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void grantRole(String userId, MemberRole role) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void revokeRoles(String userId, Set<MemberRole> roles) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void addMember(String alias, String userId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void removeMember(String alias, String userId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean sendsEmail() {
    return false;
  }

  @Override
  public void sendSetupEmail(String userId) {
    throw new UnsupportedOperationException();
  }
}
