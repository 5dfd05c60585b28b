package org.datasharing.registry.core.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.common.Actor;

/**
 * One state change (subject: the agreement concerned; about: any other resource, e.g. an
 * organisation or dataset) to record: who did what, when, on which agreement version and content
 * hash. Optional parts are empty when the action concerns no agreement (e.g. onboarding). The
 * organisation's name is the one on record when the event was made, kept with the event so that the
 * trail still says who acted for whom after an organisation is renamed.
 */
public record AuditEvent(
    Node id,
    Node action,
    Actor actor,
    Instant at,
    Optional<Node> subject,
    Optional<Node> about,
    Optional<Node> version,
    Optional<String> contentHash,
    Optional<String> detail,
    Optional<String> organisationName) {
  public AuditEvent {
    requireNonNull(id, "id");
    requireNonNull(action, "action");
    requireNonNull(actor, "actor");
    requireNonNull(at, "at");
    subject = subject == null ? Optional.empty() : subject;
    about = about == null ? Optional.empty() : about;
    version = version == null ? Optional.empty() : version;
    contentHash = contentHash == null ? Optional.empty() : contentHash;
    detail = detail == null ? Optional.empty() : detail;
    organisationName = organisationName == null ? Optional.empty() : organisationName;
  }
}
