package org.datasharing.registry.core.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * Compares the registry's organisations with the identity directory's and, when an administrator
 * asks, brings the directory in line with the registry (the reference) and completes pending
 * operations. Each fix is an audit event.
 */
public final class Reconciliation {
  private final OrganisationService organisations;
  private final IdentityDirectory directory;
  private final DirectorySync sync;
  private final OnboardingJournal journal;
  private final Clock clock;

  /**
   * Made by {@link org.datasharing.registry.core.Registry}, which hands it the store every other
   * service writes through (so the search index follows) and the registry's one audit log.
   */
  public Reconciliation(
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
    this.clock = clock;
  }

  /** A difference and how apply fixes it (null when it cannot). */
  private record Found(Difference difference, Function<Actor, String> fix) {}

  public Result<ReconciliationReport> report(Actor actor) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can reconcile organisations");
    }
    return Result.ok(currentReport());
  }

  /**
   * Fixes the fixable differences (all, or those whose ids are given), pending operations first. A
   * fix that fails stays in the report; once Keycloak stops answering the rest are not tried.
   */
  public Result<ApplyReport> apply(Actor actor, Set<String> only) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can reconcile organisations");
    }
    List<Found> found = found();
    Set<String> unknown = new HashSet<>(only);
    found.forEach(f -> unknown.remove(f.difference().id()));
    if (!unknown.isEmpty()) {
      return Result.invalid(
          new Violation(
              "differences",
              "Not in the current report: "
                  + String.join(", ", unknown)
                  + "; fetch the report again"));
    }
    List<ApplyReport.Applied> results = new ArrayList<>();
    boolean unanswered = false;
    for (Found f : found) {
      String id = f.difference().id();
      if (!only.isEmpty() && !only.contains(id)) {
        continue;
      }
      if (f.fix() == null) {
        results.add(
            new ApplyReport.Applied(
                id, ApplyReport.Outcome.NOT_FIXABLE, f.difference().description()));
      } else if (unanswered) {
        results.add(
            new ApplyReport.Applied(
                id, ApplyReport.Outcome.NOT_TRIED, "Keycloak stopped answering during this run"));
      } else {
        try {
          results.add(
              new ApplyReport.Applied(id, ApplyReport.Outcome.APPLIED, f.fix().apply(actor)));
        } catch (DirectoryException e) {
          if (e.kind() == DirectoryException.Kind.NOT_CONFIGURED) {
            throw e;
          }
          unanswered = e.kind() == DirectoryException.Kind.NO_ANSWER;
          String why = e.kind().retryable() ? Duplicates.trouble(e) : e.getMessage();
          results.add(new ApplyReport.Applied(id, ApplyReport.Outcome.FAILED, why));
        }
      }
    }
    Optional<ReconciliationReport> after = Optional.empty();
    if (!unanswered) {
      try {
        after = Optional.of(currentReport());
      } catch (DirectoryException e) {
        // the results stand; the admin can ask for the report again
      }
    }
    return Result.ok(new ApplyReport(results, after));
  }

  private ReconciliationReport currentReport() {
    return new ReconciliationReport(
        clock.instant(), found().stream().map(Found::difference).toList());
  }

  private List<Found> found() {
    List<Organisation> registered = organisations.list();
    Map<String, DirectoryOrganisation> byAlias =
        directory.organisations().stream()
            .collect(Collectors.toMap(DirectoryOrganisation::alias, d -> d, (a, b) -> a));
    List<PendingOperation> pending = journal.pending();
    Set<String> covered =
        pending.stream()
            .filter(p -> p.kind() != PendingOperation.Kind.ADD_MEMBER)
            .filter(p -> p.kind() != PendingOperation.Kind.REMOVE_MEMBER)
            .map(PendingOperation::organisation)
            .collect(Collectors.toSet());
    List<Found> out = new ArrayList<>();
    for (PendingOperation p : pending) {
      out.add(
          new Found(
              new Difference(
                  "pending:" + p.id(),
                  Difference.Kind.PENDING_OPERATION,
                  p.organisation(),
                  null,
                  null,
                  "Pending since "
                      + p.recordedAt()
                      + " ("
                      + p.recordedBy()
                      + "): "
                      + p.describe()
                      + "; "
                      + p.reason(),
                  true),
              actor -> {
                String done = sync.complete(p);
                journal.close(actor, DSR.Onboard.asNode(), p, "completed: " + done);
                return done;
              }));
    }
    for (Organisation r : registered) {
      DirectoryOrganisation d = byAlias.get(r.id());
      if (covered.contains(r.id())) {
        continue; // its pending operation is listed and fixes it
      }
      if (d == null) {
        out.add(missingInKeycloak(r));
        continue;
      }
      if (!DirectorySync.nameMatches(d, r)) {
        out.add(mismatch(Difference.Kind.NAME_MISMATCH, r, r.name(), d.name()));
      }
      if (!DirectorySync.domainMatches(d, r)) {
        out.add(
            mismatch(
                Difference.Kind.DOMAIN_MISMATCH, r, r.domain(), String.join(", ", d.domains())));
      }
      dpoWithoutRole(r).ifPresent(out::add);
    }
    Set<String> ids = registered.stream().map(Organisation::id).collect(Collectors.toSet());
    byAlias.values().stream()
        .filter(d -> !ids.contains(d.alias()))
        .forEach(d -> out.add(missingInRegistry(d)));
    return out;
  }

  private Found missingInKeycloak(Organisation r) {
    return new Found(
        new Difference(
            Difference.Kind.MISSING_IN_KEYCLOAK.code() + ":" + r.id(),
            Difference.Kind.MISSING_IN_KEYCLOAK,
            r.id(),
            r.name(),
            null,
            r.name() + " is in the registry but Keycloak has no organisation " + r.id(),
            true),
        actor -> {
          String done = "organisation " + sync.ensureOrganisation(r) + " by reconciliation";
          journal.record(actor, DSR.Onboard.asNode(), r.id(), done);
          return done;
        });
  }

  private Found mismatch(Difference.Kind kind, Organisation r, String ours, String theirs) {
    String what = kind == Difference.Kind.NAME_MISMATCH ? "name" : "domain";
    return new Found(
        new Difference(
            kind.code() + ":" + r.id(),
            kind,
            r.id(),
            ours,
            theirs,
            "Keycloak's " + what + " for " + r.id() + " is '" + theirs + "', not '" + ours + "'",
            true),
        actor -> {
          directory.updateOrganisation(r.id(), r.name(), r.domain());
          String done = "set Keycloak's " + what + " for " + r.id() + " to '" + ours + "'";
          journal.record(actor, DSR.EditOrganisation.asNode(), r.id(), "reconciliation: " + done);
          return done;
        });
  }

  private Optional<Found> dpoWithoutRole(Organisation r) {
    if (r.dpoEmail() == null) {
      return Optional.empty();
    }
    return directory.members(r.id()).stream()
        .filter(u -> r.dpoEmail().equalsIgnoreCase(u.email()) && !u.has(MemberRole.DPO))
        .findFirst()
        .map(
            u ->
                new Found(
                    new Difference(
                        Difference.Kind.DPO_WITHOUT_ROLE.code() + ":" + r.id(),
                        Difference.Kind.DPO_WITHOUT_ROLE,
                        r.id(),
                        r.dpoEmail(),
                        u.username(),
                        u.username()
                            + " has the DPO's e-mail address of "
                            + r.id()
                            + " but not the dpo role",
                        true),
                    actor -> {
                      directory.grantRole(u.id(), MemberRole.DPO);
                      String done = "granted the dpo role to " + u.username();
                      journal.record(
                          actor, DSR.AddMember.asNode(), r.id(), "reconciliation: " + done);
                      return done;
                    }));
  }

  private static Found missingInRegistry(DirectoryOrganisation d) {
    return new Found(
        new Difference(
            Difference.Kind.MISSING_IN_REGISTRY.code() + ":" + d.alias(),
            Difference.Kind.MISSING_IN_REGISTRY,
            d.alias(),
            null,
            d.name(),
            "Keycloak has the organisation "
                + d.name()
                + " ("
                + d.alias()
                + ") that the registry does not: onboard it with the identifier "
                + d.alias()
                + " (the Keycloak organisation is then linked) or delete it in Keycloak",
            false),
        null);
  }
}
