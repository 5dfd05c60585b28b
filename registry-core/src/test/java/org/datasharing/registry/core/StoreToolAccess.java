package org.datasharing.registry.core;

import java.io.PrintStream;

/** Runs the package-private command-line tool from tests in other packages. */
public final class StoreToolAccess {
  private StoreToolAccess() {}

  public static int run(String[] args, PrintStream out) {
    return StoreTool.run(args, out, out);
  }
}
