package org.datasharing.registry.web.identity;

import java.time.Instant;
import java.util.List;
import org.datasharing.registry.core.identity.ApplyReport;
import org.datasharing.registry.core.identity.Difference;
import org.datasharing.registry.core.identity.DirectoryUser;
import org.datasharing.registry.core.identity.MemberAdded;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.identity.NewMember;
import org.datasharing.registry.core.identity.PendingOperation;
import org.datasharing.registry.core.identity.ReconciliationReport;
import org.datasharing.registry.core.organisation.Organisation;

/** What the admin API returns: roles and operations by their API names ({@code dpo}, ...). */
final class AdminViews {
  private AdminViews() {}

  /** An organisation onboarded or changed on both sides. */
  record Onboarded(Organisation organisation, String keycloak, String message) {}

  /** A member of an organisation in Keycloak. */
  record Member(
      String id,
      String username,
      String email,
      String firstName,
      String lastName,
      List<String> roles) {
    static Member of(DirectoryUser u) {
      return new Member(
          u.id(),
          u.username(),
          u.email(),
          u.firstName(),
          u.lastName(),
          u.roles().stream().map(MemberRole::realmRole).sorted().toList());
    }
  }

  /** A member added: user created or linked, and whether Keycloak e-mailed them. */
  record Added(
      String organisation,
      String username,
      String email,
      String role,
      boolean userCreated,
      boolean emailSent,
      String message) {
    static Added of(MemberAdded a) {
      return new Added(
          a.organisation(),
          a.username(),
          a.email(),
          a.role().realmRole(),
          a.userCreated(),
          a.emailSent(),
          a.message());
    }
  }

  /** A member removed. */
  record Removed(String organisation, String username, String message) {}

  /** A pending operation. */
  record Pending(
      String id,
      String operation,
      String organisation,
      String username,
      String email,
      String role,
      String description,
      String reason,
      Instant recordedAt,
      String recordedBy) {
    static Pending of(PendingOperation op) {
      NewMember m = op.member().orElse(null);
      return new Pending(
          op.id(),
          op.kind().code(),
          op.organisation(),
          m == null ? null : m.username(),
          m == null ? null : m.email(),
          m == null ? null : m.role(),
          op.describe(),
          op.reason(),
          op.recordedAt(),
          op.recordedBy());
    }
  }

  /** The reconciliation report. */
  record Report(Instant generatedAt, boolean inSync, List<Difference> differences) {
    static Report of(ReconciliationReport r) {
      return new Report(r.generatedAt(), r.inSync(), r.differences());
    }
  }

  /** What apply did, and the report after it (null when Keycloak stopped answering). */
  record Applied(List<ApplyReport.Applied> results, Report after) {
    static Applied of(ApplyReport a) {
      return new Applied(a.results(), a.after().map(Report::of).orElse(null));
    }
  }

  /** Apply's body: the differences to fix (all fixable ones when empty or absent). */
  record ApplyRequest(List<String> differences) {}
}
