package org.datasharing.registry.ontology.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The W3C Data Privacy Vocabulary (DPV) terms the registry uses, and the namespaces of the DPV
 * extensions its reference concepts are mapped to ({@code skos:exactMatch} / {@code
 * skos:closeMatch}).
 */
public final class DPV {
  /** The DPV namespace as a string. */
  public static final String NS = "https://w3id.org/dpv#";

  /** Personal data categories extension ({@code pd:}). */
  public static final String PD_NS = "https://w3id.org/dpv/pd#";

  /** EU GDPR extension ({@code eu-gdpr:}), e.g. {@code A6-1-e} for Article 6(1)(e). */
  public static final String EU_GDPR_NS = "https://w3id.org/dpv/legal/eu/gdpr#";

  /** UK legal extension ({@code legal-gb:}). */
  public static final String LEGAL_GB_NS = "https://w3id.org/dpv/legal/gb#";

  /** The purposes of an agreement version: {@code dsrref:purpose/*} concepts. */
  public static final Property hasPurpose = ResourceFactory.createProperty(NS, "hasPurpose");

  private DPV() {}

  /** The DPV namespace as a string. */
  public static String getURI() {
    return NS;
  }
}
