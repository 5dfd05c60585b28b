package org.datasharing.registry.core.common;

import static java.util.Objects.requireNonNull;

/** One invalid field: the API field name and a message a DPO understands. */
public record Violation(String field, String message) {
  public Violation {
    requireNonNull(field, "field");
    requireNonNull(message, "message");
  }
}
