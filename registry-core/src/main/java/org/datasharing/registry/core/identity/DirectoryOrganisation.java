package org.datasharing.registry.core.identity;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** An organisation as the identity directory holds it: its own id, alias, name and domains. */
public record DirectoryOrganisation(String id, String alias, String name, List<String> domains) {
  public DirectoryOrganisation {
    requireNonNull(alias, "alias");
    domains = domains == null ? List.of() : List.copyOf(domains);
  }
}
