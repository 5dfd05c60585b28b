package org.datasharing.registry.core.evidence;

/**
 * The names of an evidence bundle's files that the offline verifier reads. JDK-only, so the
 * verifier runs from the registry-core jar without Jena on the class path.
 */
public final class BundleLayout {
  /** The signed tree head. */
  public static final String TREE_HEAD = "tree-head.json";

  /** The public key (PEM) of the key that signed the tree head. */
  public static final String PUBLIC_KEY = "registry-public-key.pem";

  /** Versions, decisions, events and their inclusion proofs. */
  public static final String EVIDENCE = "evidence.json";

  private BundleLayout() {}

  /** The file holding the leaf data of the event at {@code sequence}. */
  public static String leafDataEntry(long sequence) {
    return "events/" + sequence + ".nt";
  }
}
