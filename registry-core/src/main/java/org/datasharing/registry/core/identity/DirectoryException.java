package org.datasharing.registry.core.identity;

import java.util.Optional;

/** The identity directory failed, refused or could not be reached. */
public final class DirectoryException extends RuntimeException {

  /** What went wrong, and so whether trying again later can help. */
  public enum Kind {
    /** No answer in time, or no connection: may have happened, try again later. */
    NO_ANSWER,
    /** The directory answered with a server error: try again later. */
    FAILED,
    /** The directory refused the registry's service account (secret or roles): fix, then retry. */
    ACCESS_DENIED,
    /** The registry has no credentials for the directory: nothing can be done until configured. */
    NOT_CONFIGURED,
    /** Something with that name, domain, username or e-mail already exists. */
    CONFLICT,
    /** The directory rejected the values. */
    REJECTED,
    /** The organisation or user is not in the directory. */
    NOT_FOUND;

    /** Whether a pending operation may complete once the directory is back. */
    public boolean retryable() {
      return this == NO_ANSWER || this == FAILED || this == ACCESS_DENIED;
    }
  }

  private final Kind kind;
  private final String field;

  public DirectoryException(Kind kind, String message, String field, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.field = field;
  }

  public DirectoryException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The request field the refusal is about (e.g. "domain", "email"), if known. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** The same failure, about the given field. */
  public DirectoryException about(String newField) {
    return new DirectoryException(kind, getMessage(), newField, getCause());
  }
}
