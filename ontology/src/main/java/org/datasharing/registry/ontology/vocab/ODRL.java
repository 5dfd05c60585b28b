package org.datasharing.registry.ontology.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The ODRL 2.2 terms the registry uses for dataset offers and agreement rules (Jena 5.6 has no ODRL
 * vocabulary class).
 */
public final class ODRL {
  /** The namespace of the vocabulary as a string. */
  public static final String NS = "http://www.w3.org/ns/odrl/2/";

  // classes
  public static final Resource Policy = resource("Policy");
  public static final Resource Offer = resource("Offer");
  public static final Resource Agreement = resource("Agreement");
  public static final Resource Permission = resource("Permission");
  public static final Resource Constraint = resource("Constraint");

  // properties
  public static final Property hasPolicy = property("hasPolicy");
  public static final Property permission = property("permission");
  public static final Property action = property("action");
  public static final Property target = property("target");
  public static final Property assigner = property("assigner");
  public static final Property assignee = property("assignee");
  public static final Property constraint = property("constraint");
  public static final Property leftOperand = property("leftOperand");
  public static final Property operator = property("operator");
  public static final Property rightOperand = property("rightOperand");

  // individuals: actions, left operands and operators
  public static final Resource use = resource("use");
  public static final Resource purpose = resource("purpose");
  public static final Resource eq = resource("eq");
  public static final Resource isAnyOf = resource("isAnyOf");

  private ODRL() {}

  /** The namespace of the vocabulary as a string. */
  public static String getURI() {
    return NS;
  }

  private static Resource resource(String local) {
    return ResourceFactory.createResource(NS + local);
  }

  private static Property property(String local) {
    return ResourceFactory.createProperty(NS, local);
  }
}
