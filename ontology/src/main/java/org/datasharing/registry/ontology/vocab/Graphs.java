package org.datasharing.registry.ontology.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The fixed named graphs of the registry's dataset (prefix {@code dsrg:}). Besides these, each
 * agreement has its own graph, named by the agreement's IRI.
 */
public final class Graphs {
  /** The namespace of the graph names. */
  public static final String NS = "https://w3id.org/dsr/graph/";

  /** The registry ontology, {@code ontology/registry.ttl}. */
  public static final String ONTOLOGY = NS + "ontology";

  /** The SKOS reference schemes, every file under {@code reference/}. */
  public static final String REFERENCE = NS + "reference";

  /** Organisations and their assurance certificates. */
  public static final String ORGANISATIONS = NS + "organisations";

  /** The dataset catalogue. */
  public static final String CATALOG = NS + "catalog";

  /** The audit log: PROV-O activities and Merkle tree heads. */
  public static final String AUDIT = NS + "audit";

  public static final Node ONTOLOGY_NODE = NodeFactory.createURI(ONTOLOGY);
  public static final Node REFERENCE_NODE = NodeFactory.createURI(REFERENCE);
  public static final Node ORGANISATIONS_NODE = NodeFactory.createURI(ORGANISATIONS);
  public static final Node CATALOG_NODE = NodeFactory.createURI(CATALOG);
  public static final Node AUDIT_NODE = NodeFactory.createURI(AUDIT);

  private Graphs() {}

  /** The namespace of the graph names. */
  public static String getURI() {
    return NS;
  }
}
