package org.datasharing.registry.core.agreement;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.common.Canonical;

/**
 * The SHA-256 of each version's text, computed once the version can no longer change. Only the
 * current version of a draft is editable; once submitted a version is immutable (changes make a new
 * version), so its hash is remembered instead of re-serialising the text on every decision.
 */
final class VersionHashes {
  // bounded, so a long-running registry keeps the hashes of the versions in use, not all of them
  private static final int MAX_ENTRIES = 10_000;

  private final Map<Node, String> frozen =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Node, String> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /**
   * The hash of a version's text in any graph that holds it, stored or about to be: {@link
   * Canonical#versionText}'s triples, so what is written and what is read back hash alike.
   */
  static String ofText(Graph graph, Node version) {
    return Canonical.sha256Hex(Canonical.versionText(graph, version));
  }

  /** The hash of the version's text as the snapshot holds it. */
  String of(AgreementSnapshot a, Node version) {
    if (editable(a, version)) {
      return ofText(a.graph(), version);
    }
    synchronized (frozen) {
      String known = frozen.get(version);
      if (known != null) {
        return known;
      }
    }
    // hashed outside the lock: two threads may both compute it once, with the same answer
    String hash = ofText(a.graph(), version);
    synchronized (frozen) {
      frozen.put(version, hash);
    }
    return hash;
  }

  // a stale snapshot is still safe: a version that has left DRAFT never returns to it
  private static boolean editable(AgreementSnapshot a, Node version) {
    return version.equals(a.currentVersion()) && a.workflowStatus() == AgreementStatus.DRAFT;
  }
}
