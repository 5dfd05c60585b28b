package org.datasharing.registry.core.identity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A change the registry has made or accepted but the identity directory has not: recorded when
 * Keycloak did not answer or failed, completed by reconciliation's apply.
 *
 * @param member the person, for {@link Kind#ADD_MEMBER}; for {@link Kind#REMOVE_MEMBER} only the
 *     username is set
 */
public record PendingOperation(
    String id,
    Kind kind,
    String organisation,
    Optional<NewMember> member,
    String reason,
    Instant recordedAt,
    String recordedBy) {

  /** What is still to be done in the directory. */
  public enum Kind {
    CREATE_ORGANISATION,
    UPDATE_ORGANISATION,
    ADD_MEMBER,
    REMOVE_MEMBER;

    /** The name stored in RDF and shown in the API, e.g. {@code add-member}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Kind> of(String code) {
      return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }
  }

  public PendingOperation {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(organisation, "organisation");
    member = member == null ? Optional.empty() : member;
  }

  /** What the operation does, in words, e.g. "add jo@fire.example to x as dpo". */
  public String describe() {
    String who = member.map(NewMember::username).orElse("");
    return switch (kind) {
      case CREATE_ORGANISATION -> "create organisation " + organisation + " in Keycloak";
      case UPDATE_ORGANISATION -> "update organisation " + organisation + " in Keycloak";
      case ADD_MEMBER ->
          "add "
              + who
              + " to "
              + organisation
              + " as "
              + member.map(NewMember::role).orElse("member");
      case REMOVE_MEMBER -> "remove " + who + " from " + organisation;
    };
  }
}
