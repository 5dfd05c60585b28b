package org.datasharing.registry.web.identity;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.web.operations.DomainMetrics;

/**
 * The directory with each failed call to Keycloak's admin API counted by operation (the port's
 * method) and kind, whoever made it (onboarding, reconciliation, notification recipients). A proxy,
 * so that a method added to the port is counted without another line here.
 */
final class MeteredDirectory {
  private MeteredDirectory() {}

  /** The directory that counts; closing it closes {@code directory}. */
  static IdentityDirectory of(KeycloakIdentityDirectory directory, DomainMetrics metrics) {
    return (IdentityDirectory)
        Proxy.newProxyInstance(
            IdentityDirectory.class.getClassLoader(),
            new Class<?>[] {IdentityDirectory.class, AutoCloseable.class},
            (proxy, method, args) -> {
              try {
                return method.invoke(directory, args);
              } catch (InvocationTargetException e) {
                if (e.getCause() instanceof DirectoryException failure) {
                  metrics.keycloakFailure(method.getName(), failure.kind());
                }
                throw e.getCause();
              }
            });
  }
}
