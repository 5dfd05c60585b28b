package org.datasharing.registry.core.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.PROV;

/**
 * Which notifications a committed change causes: read from its audit event (action, agreement,
 * version, hash, actor) and, for decisions and status changes, from the quads the change adds (the
 * outcome, the reason, whether the version came into force). One place for "what is told when";
 * replayed events ({@code dsr:replayedAt}: the sample history, imports) tell no one.
 */
final class NotificationRules {
  private static final Map<Node, NotificationKind> BY_ACTION =
      Map.of(
          DSR.Submit.asNode(), NotificationKind.DECISION_NEEDED,
          DSR.Activate.asNode(), NotificationKind.ACTIVE,
          DSR.Suspend.asNode(), NotificationKind.SUSPENDED,
          DSR.Resume.asNode(), NotificationKind.RESUMED,
          DSR.Terminate.asNode(), NotificationKind.TERMINATED,
          DSR.Expire.asNode(), NotificationKind.EXPIRED,
          DSR.RecordIncident.asNode(), NotificationKind.INCIDENT);

  private final String base;

  /** {@code base}: the registry's IRI base, under which notification IRIs are minted. */
  NotificationRules(String base) {
    this.base = base;
  }

  List<Notification> derive(Change change, Change.Appended appended) {
    Node event = appended.marker().getSubject();
    Optional<Node> agreement = one(appended.quads(), event, DSR.agreement.asNode());
    Optional<Node> action = one(appended.quads(), event, DSR.action.asNode());
    // replayed history (the sample agreements, an import) happened elsewhere and long ago: the
    // people it concerns were told then, if at all, so it tells no one now
    if (agreement.isEmpty()
        || action.isEmpty()
        || one(appended.quads(), event, DSR.replayedAt.asNode()).isPresent()) {
      return List.of();
    }
    Node ag = agreement.get();
    Optional<Node> version = one(appended.quads(), event, DSR.version.asNode());
    Optional<String> hash =
        one(appended.quads(), event, DSR.contentHash.asNode()).map(Node::getLiteralLexicalForm);
    Optional<Node> actor = one(appended.quads(), event, PROV.wasAssociatedWith.asNode());
    Optional<Node> actorOrg = one(appended.quads(), event, DSR.actorOrganisation.asNode());
    Instant at =
        one(appended.quads(), event, PROV.endedAtTime.asNode())
            .map(n -> Instant.parse(n.getLiteralLexicalForm()))
            .orElseThrow();
    List<Notification> out = new ArrayList<>();
    NotificationKind byAction = BY_ACTION.get(action.get());
    if (byAction == null) {
      byAction = byOutcome(change, ag, action.get()).orElse(null);
    }
    if (byAction != null) {
      Optional<String> reason =
          switch (byAction) {
            case DECISION_NEEDED -> Optional.empty();
            // what the incident was and when the ICO must hear of it, as the audit event says
            case INCIDENT ->
                one(appended.quads(), event, RDFS.comment.asNode())
                    .map(Node::getLiteralLexicalForm);
            default ->
                one(change.add(), ag, DSR.statusReason.asNode()).map(Node::getLiteralLexicalForm);
          };
      out.add(
          Notification.pending(
              id(event, byAction),
              byAction,
              ag,
              version,
              hash,
              actor,
              actorOrg,
              Optional.empty(),
              reason,
              at));
    } else if (action.get().equals(DSR.Decide.asNode())
        || action.get().equals(DSR.SignOff.asNode())) {
      // a sign-off records no outcome, but may be the last approval needed
      Optional<Quad> decision =
          change.add().stream()
              .filter(q -> q.getPredicate().equals(DSR.outcome.asNode()))
              .findFirst();
      if (decision.isPresent()) {
        Node d = decision.get().getSubject();
        out.add(
            Notification.pending(
                id(event, NotificationKind.DECISION),
                NotificationKind.DECISION,
                ag,
                version,
                hash,
                actor,
                one(change.add(), d, DSR.onBehalfOf.asNode()).or(() -> actorOrg),
                Optional.of(decision.get().getObject()),
                one(change.add(), d, DSR.reason.asNode()).map(Node::getLiteralLexicalForm),
                at));
        // an approval that counts only once signed off: the organisation's senior officers sign
        if (one(change.add(), d, DSR.awaitsSignOff.asNode())
            .filter(n -> "true".equals(n.getLiteralLexicalForm()))
            .isPresent()) {
          out.add(
              Notification.pending(
                  id(event, NotificationKind.SIGN_OFF_NEEDED),
                  NotificationKind.SIGN_OFF_NEEDED,
                  ag,
                  version,
                  hash,
                  actor,
                  one(change.add(), d, DSR.onBehalfOf.asNode()).or(() -> actorOrg),
                  Optional.empty(),
                  Optional.empty(),
                  at));
        }
      }
      // the last approval puts the version in force, in the same commit
      if (one(change.add(), ag, DSR.versionInForce.asNode()).isPresent()) {
        out.add(
            Notification.pending(
                id(event, NotificationKind.APPROVED),
                NotificationKind.APPROVED,
                ag,
                version,
                hash,
                actor,
                actorOrg,
                Optional.empty(),
                Optional.empty(),
                at));
      }
    }
    return out;
  }

  /**
   * Actions whose notification depends on what they did: a party leaving submits the version
   * without it to the remaining parties (decision needed), unless that version is left as a draft;
   * a review decision to end the agreement terminates it.
   */
  private static Optional<NotificationKind> byOutcome(Change change, Node ag, Node action) {
    if (action.equals(DSR.Leave.asNode())) {
      return one(change.add(), ag, DSR.amendmentStatus.asNode())
          .filter(DSR.Submitted.asNode()::equals)
          .map(n -> NotificationKind.DECISION_NEEDED);
    }
    if (action.equals(DSR.Review.asNode())) {
      return one(change.add(), ag, DSR.status.asNode())
          .filter(DSR.Terminated.asNode()::equals)
          .map(n -> NotificationKind.TERMINATED);
    }
    return Optional.empty();
  }

  /** Minted from the audit event, so re-running the appender (a store's retry) mints the same. */
  private Node id(Node event, NotificationKind kind) {
    String uri = event.getURI();
    return NodeFactory.createURI(
        base + "notification/" + uri.substring(uri.lastIndexOf('/') + 1) + "-" + kind.slug());
  }

  private static Optional<Node> one(List<Quad> quads, Node s, Node p) {
    return quads.stream()
        .filter(q -> q.getSubject().equals(s) && q.getPredicate().equals(p))
        .map(Quad::getObject)
        .findFirst();
  }
}
