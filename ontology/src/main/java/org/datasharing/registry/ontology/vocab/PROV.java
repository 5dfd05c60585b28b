package org.datasharing.registry.ontology.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** The PROV-O terms the registry uses (Jena 5.6 has no PROV vocabulary class). */
public final class PROV {
  /** The namespace of the vocabulary as a string. */
  public static final String NS = "http://www.w3.org/ns/prov#";

  public static final Resource Activity = ResourceFactory.createResource(NS + "Activity");
  public static final Resource Agent = ResourceFactory.createResource(NS + "Agent");
  public static final Resource Entity = ResourceFactory.createResource(NS + "Entity");

  public static final Property wasAssociatedWith =
      ResourceFactory.createProperty(NS, "wasAssociatedWith");
  public static final Property wasAttributedTo =
      ResourceFactory.createProperty(NS, "wasAttributedTo");
  public static final Property actedOnBehalfOf =
      ResourceFactory.createProperty(NS, "actedOnBehalfOf");
  public static final Property startedAtTime = ResourceFactory.createProperty(NS, "startedAtTime");
  public static final Property endedAtTime = ResourceFactory.createProperty(NS, "endedAtTime");
  public static final Property used = ResourceFactory.createProperty(NS, "used");
  public static final Property wasRevisionOf = ResourceFactory.createProperty(NS, "wasRevisionOf");

  private PROV() {}

  /** The namespace of the vocabulary as a string. */
  public static String getURI() {
    return NS;
  }
}
