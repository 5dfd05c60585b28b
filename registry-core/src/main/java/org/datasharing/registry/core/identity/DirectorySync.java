package org.datasharing.registry.core.identity;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;

/**
 * The directory side of each onboarding action, written so that running it again after a partial
 * failure finishes the job: what exists already is linked or left alone.
 */
final class DirectorySync {
  private final IdentityDirectory directory;
  private final AgreementService agreements;
  private final OrganisationService organisations;

  DirectorySync(
      IdentityDirectory directory, AgreementService agreements, OrganisationService organisations) {
    this.directory = directory;
    this.agreements = agreements;
    this.organisations = organisations;
  }

  /** Creates the organisation, or brings one that already has its alias in line. */
  String ensureOrganisation(Organisation o) {
    Optional<DirectoryOrganisation> existing = directory.organisation(o.id());
    if (existing.isEmpty()) {
      directory.createOrganisation(o.id(), o.name(), o.domain());
      return "created in Keycloak";
    }
    if (!matches(existing.get(), o)) {
      directory.updateOrganisation(o.id(), o.name(), o.domain());
    }
    return "linked to the Keycloak organisation that already had its alias";
  }

  static boolean nameMatches(DirectoryOrganisation d, Organisation o) {
    return o.name() != null && o.name().equals(d.name());
  }

  static boolean domainMatches(DirectoryOrganisation d, Organisation o) {
    return o.domain() == null ? d.domains().isEmpty() : d.domains().equals(List.of(o.domain()));
  }

  static boolean matches(DirectoryOrganisation d, Organisation o) {
    return nameMatches(d, o) && domainMatches(d, o);
  }

  /** Creates or links the user, grants the role and adds the membership. */
  MemberAdded addMember(String alias, NewMember m) {
    DirectoryUser user = directory.userByUsername(m.username()).orElse(null);
    if (user != null && user.email() != null && !user.email().equalsIgnoreCase(m.email())) {
      throw new DirectoryException(
          DirectoryException.Kind.CONFLICT,
          "The username "
              + m.username()
              + " belongs to a Keycloak user with another e-mail address",
          "username",
          null);
    }
    if (user == null) {
      user = directory.userByEmail(m.email()).orElse(null);
    }
    boolean created = user == null;
    if (created) {
      user = directory.createUser(m);
    }
    try {
      Set<String> others = new HashSet<>(directory.organisationsOf(user.id()));
      boolean member = others.remove(alias);
      if (!others.isEmpty()) {
        throw new DirectoryException(
            DirectoryException.Kind.CONFLICT,
            m.email()
                + " is already a member of "
                + String.join(", ", others)
                + "; a person belongs to one organisation in the registry, so remove them there"
                + " first",
            "email",
            null);
      }
      directory.grantRole(user.id(), m.memberRole());
      if (!member) {
        directory.addMember(alias, user.id());
      }
    } catch (DirectoryException e) {
      if (created && !e.kind().retryable()) {
        undoCreate(user);
      }
      throw e;
    }
    boolean sent = false;
    String note;
    if (!created) {
      note = "no e-mail sent to an existing user";
    } else {
      try {
        if (directory.sendsEmail()) {
          directory.sendSetupEmail(user.id());
          sent = true;
          note = "Keycloak e-mailed them to set a password and verify their address";
        } else {
          note =
              "no e-mail was sent: the realm has no SMTP server, so set their password in Keycloak"
                  + " (or configure SMTP and send the required actions from there)";
        }
      } catch (DirectoryException e) {
        note = "no e-mail was sent: Keycloak could not send it (" + e.getMessage() + ")";
      }
    }
    return new MemberAdded(
        alias,
        user.username(),
        user.email(),
        m.memberRole(),
        created,
        sent,
        (created ? "Created the Keycloak user " : "Linked the existing Keycloak user ")
            + user.username()
            + " as "
            + m.role()
            + " of "
            + alias
            + "; "
            + note);
  }

  private void undoCreate(DirectoryUser user) {
    try {
      directory.deleteUser(user.id());
    } catch (DirectoryException ignored) {
      // the refusal is what the admin needs to see; an unused, credential-less user is harmless
    }
  }

  /**
   * Does what a pending operation records and says what was done. Throws when the directory fails
   * again (retryable: it stays pending) or refuses (the admin may discard it).
   */
  String complete(PendingOperation op) {
    String alias = op.organisation();
    return switch (op.kind()) {
      case CREATE_ORGANISATION, UPDATE_ORGANISATION ->
          organisations
              .get(alias)
              .map(o -> "organisation " + ensureOrganisation(o))
              .orElse("nothing to do: the organisation is no longer in the registry");
      case ADD_MEMBER -> addMember(alias, op.member().orElseThrow()).message();
      case REMOVE_MEMBER -> {
        String username = op.member().orElseThrow().username();
        List<DirectoryUser> members = directory.members(alias);
        Optional<DirectoryUser> user =
            members.stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst();
        if (user.isEmpty()) {
          yield "nothing to do: " + username + " is not a member of " + alias;
        }
        Optional<String> refusal = lastDpoRefusal(alias, user.get(), members);
        if (refusal.isPresent()) {
          throw new DirectoryException(
              DirectoryException.Kind.CONFLICT, refusal.get(), "username", null);
        }
        removeMember(alias, user.get());
        yield "removed " + username + " from " + alias;
      }
    };
  }

  /** The member with this username, or NOT_FOUND. */
  DirectoryUser member(String alias, String username, List<DirectoryUser> members) {
    return members.stream()
        .filter(u -> u.username().equalsIgnoreCase(username))
        .findFirst()
        .orElseThrow(
            () ->
                new DirectoryException(
                    DirectoryException.Kind.NOT_FOUND,
                    username + " is not a member of " + alias,
                    "username",
                    null));
  }

  /**
   * Why the member may not leave, if they are the organisation's last DPO and it is party to an
   * agreement in force (approved, active, review due or suspended): someone must still be able to
   * suspend or terminate it.
   */
  Optional<String> lastDpoRefusal(String org, DirectoryUser user, List<DirectoryUser> members) {
    if (!user.has(MemberRole.DPO)
        || members.stream().anyMatch(u -> !u.id().equals(user.id()) && u.has(MemberRole.DPO))) {
      return Optional.empty();
    }
    List<AgreementView.Summary> binding =
        agreements.list(Actor.system()).stream()
            .filter(a -> a.parties().contains(org) && a.status().inForce())
            .toList();
    if (binding.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        user.username()
            + " is the last DPO of "
            + org
            + ", which is party to agreements in force ("
            + binding.stream().map(a -> a.id() + " " + a.status()).collect(Collectors.joining(", "))
            + "). Add another DPO first, so someone can still decide for the organisation.");
  }

  /** Removes the membership and the registry roles that came with it. */
  void removeMember(String alias, DirectoryUser user) {
    directory.removeMember(alias, user.id());
    directory.revokeRoles(user.id(), EnumSet.allOf(MemberRole.class));
  }
}
