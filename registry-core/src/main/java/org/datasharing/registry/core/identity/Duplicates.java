package org.datasharing.registry.core.identity;

import java.util.ArrayList;
import java.util.List;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.Organisation;

/** Names and domains already taken, and how directory trouble reads to an administrator. */
final class Duplicates {
  private Duplicates() {}

  /** Fields of {@code o} another registry organisation already has (same id: creation only). */
  static List<Violation> inRegistry(Organisation o, List<Organisation> registered, boolean create) {
    List<Violation> out = new ArrayList<>();
    for (Organisation x : registered) {
      boolean same = x.id().equals(o.id());
      if (same && create) {
        out.add(new Violation("id", "An organisation with the identifier " + o.id() + " exists"));
      }
      if (!same && o.name() != null && o.name().strip().equalsIgnoreCase(x.name())) {
        out.add(new Violation("name", x.id() + " already has the name " + x.name()));
      }
      if (!same && o.domain() != null && o.domain().strip().equalsIgnoreCase(x.domain())) {
        out.add(new Violation("domain", x.id() + " already has the domain " + x.domain()));
      }
    }
    return out;
  }

  /** Fields of {@code o} a directory organisation with another alias already has. */
  static List<Violation> inDirectory(Organisation o, List<DirectoryOrganisation> directory) {
    List<Violation> out = new ArrayList<>();
    for (DirectoryOrganisation d : directory) {
      if (d.alias().equals(o.id())) {
        continue; // the same organisation: linked, not duplicated
      }
      if (o.name() != null && o.name().strip().equalsIgnoreCase(d.name())) {
        out.add(
            new Violation(
                "name",
                "Keycloak already has an organisation named " + d.name() + " (" + d.alias() + ")"));
      }
      if (o.domain() != null
          && d.domains().stream().anyMatch(x -> x.equalsIgnoreCase(o.domain().strip()))) {
        out.add(
            new Violation(
                "domain", "Keycloak already links the domain " + o.domain() + " to " + d.alias()));
      }
    }
    return out;
  }

  /** A 409 naming each field that is taken. */
  static <T> Result<T> conflict(List<Violation> taken) {
    String message =
        taken.size() == 1 ? taken.get(0).message() : "Values already in use: see the fields listed";
    return new Result<>(null, Result.Failure.CONFLICT, message, taken);
  }

  /** What went wrong with the directory, in words for the admin. */
  static String trouble(DirectoryException e) {
    return switch (e.kind()) {
      case NO_ANSWER -> "Keycloak did not answer";
      case ACCESS_DENIED ->
          "Keycloak refused the registry's service account (" + e.getMessage() + ")";
      default -> "Keycloak failed (" + e.getMessage() + ")";
    };
  }
}
