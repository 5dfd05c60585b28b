package org.datasharing.registry.core.notification;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Where and how the outbox is stored: its own named graph (it comes to hold e-mail addresses, so
 * the SPARQL access policy shows it to auditors only, like the identity graph) and a handful of
 * terms in the registry's notification namespace.
 */
final class OutboxTerms {
  /** The namespace of the terms (prefix {@code dsrn:}). */
  static final String NS = "https://w3id.org/dsr/notification#";

  /** The named graph of the outbox. */
  static final Node GRAPH = NodeFactory.createURI(Graphs.NS + "outbox");

  static final Node Notification = term("Notification");
  static final Node kind = term("kind");
  static final Node agreement = term("agreement");
  static final Node version = term("version");
  static final Node contentHash = term("contentHash");
  static final Node actor = term("actor");
  static final Node actorOrganisation = term("actorOrganisation");
  static final Node outcome = term("outcome");
  static final Node reason = term("reason");
  static final Node created = term("created");
  static final Node state = term("state");
  static final Node attempts = term("attempts");
  static final Node nextAttempt = term("nextAttempt");
  static final Node lastError = term("lastError");
  static final Node deliveredTo = term("deliveredTo");
  static final Node failedRecipient = term("failedRecipient");
  static final Node finished = term("finished");
  static final Node due = term("due");

  // a person's preferences (about their user IRI)
  static final Node delivery = term("delivery");
  static final Node optedOut = term("optedOut");

  // a daily digest: the notifications held for an address until it is sent
  static final Node heldFor = term("heldFor");
  static final Node digestedTo = term("digestedTo");
  static final Node skippedFor = term("skippedFor");
  static final Node Digest = term("Digest");
  static final Node digestTo = term("digestTo");
  static final Node digestDate = term("digestDate");
  static final Node includes = term("includes");

  /** The audit event whose change caused the notification. */
  static final Node wasGeneratedBy =
      NodeFactory.createURI("http://www.w3.org/ns/prov#wasGeneratedBy");

  private OutboxTerms() {}

  private static Node term(String local) {
    return NodeFactory.createURI(NS + local);
  }
}
