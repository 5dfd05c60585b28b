package org.datasharing.registry.core.identity;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The outcome of an onboarding action that spans the registry and the identity directory: done on
 * both sides, or done in the registry with a pending operation for the directory (and why).
 */
public record Synced<T>(
    T value,
    Optional<PendingOperation> pending,
    Optional<DirectoryException.Kind> failure,
    String message) {
  public Synced {
    requireNonNull(value, "value");
    pending = pending == null ? Optional.empty() : pending;
    failure = failure == null ? Optional.empty() : failure;
  }

  static <T> Synced<T> done(T value, String message) {
    return new Synced<>(value, Optional.empty(), Optional.empty(), message);
  }

  static <T> Synced<T> pending(T value, PendingOperation op, DirectoryException e, String message) {
    return new Synced<>(value, Optional.of(op), Optional.of(e.kind()), message);
  }

  /** Both sides have the change. */
  public boolean done() {
    return pending.isEmpty();
  }
}
