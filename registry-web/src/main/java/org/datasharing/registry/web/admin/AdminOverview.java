package org.datasharing.registry.web.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.core.identity.Onboarding;
import org.datasharing.registry.core.identity.PendingOperation;
import org.datasharing.registry.core.identity.Reconciliation;
import org.datasharing.registry.core.identity.ReconciliationReport;
import org.datasharing.registry.core.notification.Notification;
import org.datasharing.registry.core.notification.Outbox;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.store.StoreBackups;
import org.datasharing.registry.web.notification.NotificationWords;
import org.springframework.stereotype.Component;

/**
 * What the registry administrator's dashboard shows: organisations, their members in Keycloak,
 * differences reconciliation would fix, operations waiting for Keycloak, notifications that could
 * not be delivered, and the latest backup. Keycloak may not answer: the counts that need it are
 * then absent and the dashboard says why.
 */
@Component
public class AdminOverview {
  private final OrganisationService organisations;
  private final IdentityDirectory directory;
  private final Onboarding onboarding;
  private final Reconciliation reconciliation;
  private final StoreBackups backups;
  private final Outbox outbox;

  AdminOverview(
      OrganisationService organisations,
      IdentityDirectory directory,
      Onboarding onboarding,
      Reconciliation reconciliation,
      StoreBackups backups,
      Outbox outbox) {
    this.outbox = outbox;
    this.organisations = organisations;
    this.directory = directory;
    this.onboarding = onboarding;
    this.reconciliation = reconciliation;
    this.backups = backups;
  }

  /** An organisation and how many members Keycloak has for it (null when it could not be asked). */
  public record OrganisationCount(Organisation organisation, Integer members) {}

  /**
   * A notification that was not delivered: what it was about in words, its agreement's identifier,
   * when it was made and why it failed.
   */
  public record FailedNotification(String about, String agreement, Instant created, String reason) {
    static FailedNotification of(Notification n) {
      String iri = n.agreement().getURI();
      return new FailedNotification(
          NotificationWords.words(n.kind()),
          iri.substring(iri.lastIndexOf('/') + 1),
          n.created(),
          n.lastError().orElse("Not recorded"));
    }
  }

  /** The newest backup file: its name, when it was written and its size. */
  public record Backup(String file, Instant at, long bytes) {}

  /**
   * The overview; {@code keycloakProblem} says why member and difference counts are missing (null
   * when Keycloak answered).
   */
  public record Overview(
      List<OrganisationCount> organisations,
      Integer members,
      Integer differences,
      int pendingOperations,
      String keycloakProblem,
      Backup latestBackup,
      List<FailedNotification> failedNotifications) {}

  public Overview of(Actor actor) {
    List<Organisation> all =
        organisations.list().stream()
            .sorted(
                java.util.Comparator.comparing(Organisation::name, String.CASE_INSENSITIVE_ORDER))
            .toList();
    List<PendingOperation> pending = onboarding.pending(actor).value();
    String problem = null;
    List<OrganisationCount> counts;
    Integer members = null;
    Integer differences = null;
    try {
      counts = all.stream().map(o -> new OrganisationCount(o, members(o))).toList();
      members =
          counts.stream()
              .map(OrganisationCount::members)
              .filter(java.util.Objects::nonNull)
              .mapToInt(Integer::intValue)
              .sum();
      Result<ReconciliationReport> report = reconciliation.report(actor);
      differences = report.ok() ? report.value().differences().size() : null;
    } catch (DirectoryException e) {
      counts = all.stream().map(o -> new OrganisationCount(o, null)).toList();
      problem = "Keycloak could not be asked, so members and differences are not counted";
    }
    return new Overview(
        counts,
        members,
        differences,
        pending == null ? 0 : pending.size(),
        problem,
        backups.latest().map(AdminOverview::backup).orElse(null),
        outbox.inState(Notification.State.FAILED).stream().map(FailedNotification::of).toList());
  }

  /**
   * Its members in Keycloak; null if Keycloak has no such organisation (reconciliation says so).
   */
  private Integer members(Organisation o) {
    try {
      return directory.members(o.id()).size();
    } catch (DirectoryException e) {
      if (e.kind() == DirectoryException.Kind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private static Backup backup(Path file) {
    try {
      return new Backup(
          file.getFileName().toString(),
          Files.getLastModifiedTime(file).toInstant(),
          Files.size(file));
    } catch (IOException e) {
      return null; // removed meanwhile: shown as no backup
    }
  }
}
