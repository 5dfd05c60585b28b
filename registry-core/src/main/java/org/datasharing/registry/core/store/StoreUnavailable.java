package org.datasharing.registry.core.store;

/**
 * The store failed to answer or to commit (I/O error, remote store down, aborted transaction). A
 * change that fails with it was not written, unless the store lost only the acknowledgement; either
 * way the store stays consistent and the caller may try again.
 */
public final class StoreUnavailable extends RuntimeException {
  public StoreUnavailable(String operation, Throwable cause) {
    super("the store failed during " + operation, cause);
  }
}
