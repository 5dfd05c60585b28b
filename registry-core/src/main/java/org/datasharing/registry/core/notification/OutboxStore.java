package org.datasharing.registry.core.notification;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.ForwardingStore;
import org.datasharing.registry.core.store.RegistryStore;

/**
 * A store that adds to every audited change the notifications it causes, as outbox quads in the
 * same commit as the change and its audit event: a crash after the commit loses no notification,
 * and a change that does not land leaves none. The notifications are derived when the audit event
 * is appended, so no service has to remember to notify.
 */
public final class OutboxStore extends ForwardingStore {
  private final NotificationRules rules;

  /** {@code base}: the registry's IRI base, under which notification IRIs are minted. */
  public OutboxStore(RegistryStore delegate, String base) {
    super(delegate);
    this.rules = new NotificationRules(base);
  }

  @Override
  public CommitOutcome commit(Change change) {
    return delegate.commit(
        new Change(
            change.guards(),
            change.remove(),
            change.add(),
            head -> withOutbox(change, change.audit().append(head))));
  }

  private Change.Appended withOutbox(Change change, Change.Appended appended) {
    List<Notification> caused = rules.derive(change, appended);
    if (caused.isEmpty()) {
      return appended;
    }
    List<Quad> quads = new ArrayList<>(appended.quads());
    Node event = appended.marker().getSubject();
    caused.forEach(n -> quads.addAll(OutboxQuads.of(n, event)));
    return new Change.Appended(quads, appended.next(), appended.marker());
  }
}
