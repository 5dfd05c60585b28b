package org.datasharing.registry.core.identity;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One way the registry and the identity directory disagree.
 *
 * @param id stable within a report, e.g. {@code name-mismatch:northshire-police}: what apply
 *     accepts to fix only some differences
 * @param registry the registry's value, if the difference is about a value
 * @param keycloak the directory's value, if the difference is about a value
 * @param fixable whether apply can fix it (the registry is the reference); otherwise the
 *     description says what to do
 */
public record Difference(
    String id,
    Kind kind,
    String organisation,
    String registry,
    String keycloak,
    String description,
    boolean fixable) {

  /** The kinds of difference reconciliation looks for. */
  public enum Kind {
    /** In the registry, not in Keycloak: apply creates it there. */
    MISSING_IN_KEYCLOAK,
    /** In Keycloak, not in the registry: onboard it with the same identifier, or delete it. */
    MISSING_IN_REGISTRY,
    /** Apply gives the Keycloak organisation the registry's name. */
    NAME_MISMATCH,
    /** Apply gives the Keycloak organisation the registry's domain. */
    DOMAIN_MISMATCH,
    /** The member whose e-mail is the organisation's DPO contact lacks the dpo role. */
    DPO_WITHOUT_ROLE,
    /** Recorded when Keycloak failed; apply completes it. */
    PENDING_OPERATION;

    /** e.g. {@code name-mismatch}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public Difference {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(description, "description");
  }
}
