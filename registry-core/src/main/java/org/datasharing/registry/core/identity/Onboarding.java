package org.datasharing.registry.core.identity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * Onboarding by a registry administrator: organisations go into the registry and into the identity
 * directory (Keycloak) as an organisation with alias = registry id; people are created or linked
 * there, given their role and made members. The registry never ends half-written: when the
 * directory does not answer or fails after the registry's own write, a pending operation is
 * recorded with its audit event and {@link Reconciliation#apply} completes it; when it refuses, the
 * registry's write is taken back. Every action is an audit event.
 */
public final class Onboarding {
  private final OrganisationService organisations;
  private final IdentityDirectory directory;
  private final DirectorySync sync;
  private final OnboardingJournal journal;

  /**
   * Made by {@link org.datasharing.registry.core.Registry}, which hands it the store every other
   * service writes through (so the search index follows) and the registry's one audit log.
   */
  public Onboarding(
      OrganisationService organisations,
      AgreementService agreements,
      RegistryStore store,
      Ids ids,
      AuditLog audit,
      IdentityDirectory directory,
      Clock clock) {
    this.organisations = organisations;
    this.directory = directory;
    this.sync = new DirectorySync(directory, agreements, organisations);
    this.journal = new OnboardingJournal(store, ids, audit);
  }

  /** Records the organisation in the registry and creates it in the directory. */
  public Result<Synced<Organisation>> onboardOrganisation(Actor actor, Organisation o) {
    return save(actor, o, true);
  }

  /** Changes the organisation in the registry and its name and domain in the directory. */
  public Result<Synced<Organisation>> updateOrganisation(Actor actor, Organisation o) {
    return save(actor, o, false);
  }

  private Result<Synced<Organisation>> save(Actor actor, Organisation o, boolean create) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can onboard organisations");
    }
    Optional<Organisation> before = create ? Optional.empty() : organisations.get(o.id());
    if (!create && before.isEmpty()) {
      return Result.notFound("No organisation " + o.id());
    }
    List<Violation> taken = Duplicates.inRegistry(o, organisations.list(), create);
    if (!taken.isEmpty()) {
      return Duplicates.conflict(taken);
    }
    DirectoryException unanswered = null;
    try {
      taken = Duplicates.inDirectory(o, directory.organisations());
    } catch (DirectoryException e) {
      if (!e.kind().retryable()) {
        throw e; // not configured: write nothing
      }
      unanswered = e; // record it in the registry; reconciliation finishes the directory side
    }
    if (!taken.isEmpty()) {
      return Duplicates.conflict(taken);
    }
    Result<Organisation> saved =
        create ? organisations.create(actor, o) : organisations.update(actor, o);
    if (!saved.ok()) {
      return saved.asFailure();
    }
    Organisation org = saved.value();
    PendingOperation.Kind kind =
        create
            ? PendingOperation.Kind.CREATE_ORGANISATION
            : PendingOperation.Kind.UPDATE_ORGANISATION;
    if (unanswered != null) {
      return Result.ok(pending(actor, kind, org.id(), org, Optional.empty(), unanswered));
    }
    try {
      String how = sync.ensureOrganisation(org);
      journal.record(
          actor,
          create ? DSR.Onboard.asNode() : DSR.EditOrganisation.asNode(),
          org.id(),
          "organisation " + how);
      return Result.ok(
          Synced.done(
              org,
              (create ? "Onboarded " : "Updated ")
                  + org.name()
                  + " in the registry and in Keycloak"));
    } catch (DirectoryException e) {
      if (e.kind().retryable()) {
        return Result.ok(pending(actor, kind, org.id(), org, Optional.empty(), e));
      }
      String reason = "Keycloak refused it: " + e.getMessage();
      if (create) {
        journal.withdrawOrganisation(actor, org.id(), reason);
      } else {
        organisations.update(actor, before.get());
      }
      return refusal(e, "name", "; nothing was changed");
    }
  }

  /** Creates or links the person in the directory as a member of the organisation, in a role. */
  public Result<Synced<MemberAdded>> addMember(Actor actor, String organisation, NewMember m) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can add members");
    }
    if (organisations.get(organisation).isEmpty()) {
      return Result.notFound("No organisation " + organisation);
    }
    List<Violation> invalid = m.violations();
    if (!invalid.isEmpty()) {
      return Result.invalid("Correct the fields listed", invalid);
    }
    try {
      completeOrganisationFirst(actor, organisation);
      MemberAdded added = sync.addMember(organisation, m);
      journal.record(actor, DSR.AddMember.asNode(), organisation, added.message());
      return Result.ok(Synced.done(added, added.message()));
    } catch (DirectoryException e) {
      if (e.kind().retryable()) {
        MemberAdded requested =
            new MemberAdded(
                organisation, m.username(), m.email(), m.memberRole(), false, false, "pending");
        return Result.ok(
            pending(
                actor,
                PendingOperation.Kind.ADD_MEMBER,
                organisation,
                requested,
                Optional.of(m),
                e));
      }
      return refusal(e, "email", "; nothing was recorded");
    }
  }

  /** The organisation's creation or update still pending in the directory must land first. */
  private void completeOrganisationFirst(Actor actor, String organisation) {
    for (PendingOperation op : journal.pending()) {
      if (op.organisation().equals(organisation)
          && (op.kind() == PendingOperation.Kind.CREATE_ORGANISATION
              || op.kind() == PendingOperation.Kind.UPDATE_ORGANISATION)) {
        journal.close(actor, DSR.Onboard.asNode(), op, "completed: " + sync.complete(op));
      }
    }
  }

  /**
   * Removes the person from the organisation and revokes their registry roles; refused for the last
   * DPO of an organisation party to an agreement in force.
   */
  public Result<Synced<String>> removeMember(Actor actor, String organisation, String username) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can remove members");
    }
    if (organisations.get(organisation).isEmpty()) {
      return Result.notFound("No organisation " + organisation);
    }
    try {
      List<DirectoryUser> members = directory.members(organisation);
      DirectoryUser user = sync.member(organisation, username, members);
      Optional<String> refusal = sync.lastDpoRefusal(organisation, user, members);
      if (refusal.isPresent()) {
        return Duplicates.conflict(List.of(new Violation("username", refusal.get())));
      }
      sync.removeMember(organisation, user);
      String done =
          "Removed " + user.username() + " from " + organisation + " and revoked their roles";
      journal.record(actor, DSR.RemoveMember.asNode(), organisation, done);
      return Result.ok(Synced.done(user.username(), done));
    } catch (DirectoryException e) {
      if (e.kind().retryable()) {
        NewMember who = new NewMember(username, null, null, null, null);
        return Result.ok(
            pending(
                actor,
                PendingOperation.Kind.REMOVE_MEMBER,
                organisation,
                who.username(),
                Optional.of(who),
                e));
      }
      return refusal(e, "username", "");
    }
  }

  /** The organisation's members in the directory, with their registry roles. */
  public Result<List<DirectoryUser>> members(Actor actor, String organisation) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can list members");
    }
    if (organisations.get(organisation).isEmpty()) {
      return Result.notFound("No organisation " + organisation);
    }
    return Result.ok(directory.members(organisation));
  }

  /** Operations waiting for the directory, oldest first. */
  public Result<List<PendingOperation>> pending(Actor actor) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can see pending operations");
    }
    return Result.ok(journal.pending());
  }

  /** Gives up a pending operation (e.g. one the directory keeps refusing), with an audit event. */
  public Result<PendingOperation> discard(Actor actor, String id) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can discard pending operations");
    }
    Optional<PendingOperation> op = journal.pending(id);
    if (op.isEmpty()
        || !journal.close(actor, DSR.EditOrganisation.asNode(), op.get(), "discarded")) {
      return Result.notFound("No pending operation " + id);
    }
    return Result.ok(op.get());
  }

  private <T> Synced<T> pending(
      Actor actor,
      PendingOperation.Kind kind,
      String organisation,
      T value,
      Optional<NewMember> member,
      DirectoryException e) {
    String trouble = Duplicates.trouble(e);
    PendingOperation op = journal.recordPending(actor, kind, organisation, member, trouble);
    return Synced.pending(value, op, e, trouble + "; " + promise(kind));
  }

  private static String promise(PendingOperation.Kind kind) {
    return switch (kind) {
      case CREATE_ORGANISATION ->
          "the organisation is recorded and will be created in Keycloak when reconciliation runs";
      case UPDATE_ORGANISATION ->
          "the change is recorded and will be made in Keycloak when reconciliation runs";
      case ADD_MEMBER ->
          "the member is recorded and will be added in Keycloak when reconciliation runs";
      case REMOVE_MEMBER ->
          "the removal is recorded and will be made in Keycloak when reconciliation runs";
    };
  }

  /** A refusal by the directory as the admin's answer: conflict, invalid or not found. */
  private static <T> Result<T> refusal(DirectoryException e, String field, String suffix) {
    Violation v = new Violation(e.field().orElse(field), e.getMessage() + suffix);
    return switch (e.kind()) {
      case CONFLICT -> Duplicates.conflict(List.of(v));
      case REJECTED -> Result.invalid(v.message(), List.of(v));
      case NOT_FOUND -> Result.notFound(e.getMessage());
      default -> throw e;
    };
  }
}
