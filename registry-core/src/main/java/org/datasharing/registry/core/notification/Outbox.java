package org.datasharing.registry.core.notification;

import static org.datasharing.registry.core.notification.OutboxQuads.count;
import static org.datasharing.registry.core.notification.OutboxQuads.lit;
import static org.datasharing.registry.core.notification.OutboxQuads.quad;
import static org.datasharing.registry.core.notification.OutboxQuads.time;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;

/**
 * The outbox's reads and its delivery bookkeeping. The bookkeeping (attempts, delivered, failed) is
 * not a change to the registry's content, so it is written without an audit event: the audit log
 * records what people did, the outbox records what the registry has told them. Each write is
 * guarded, so two instances never both claim one attempt.
 */
public final class Outbox {
  private final RegistryStore store;

  public Outbox(RegistryStore store) {
    this.store = store;
  }

  /** Pending notifications due at {@code now}, oldest first. */
  public List<Notification> due(Instant now) {
    return ids("outbox-due", Map.of("now", time(now))).stream()
        .map(this::get)
        .flatMap(Optional::stream)
        .toList();
  }

  /** Notifications in a state, newest first (at most 500). */
  public List<Notification> inState(Notification.State state) {
    return ids("outbox-by-state", Map.of("state", lit(state.slug()))).stream()
        .map(this::get)
        .flatMap(Optional::stream)
        .toList();
  }

  /** The notifications an agreement has caused, oldest first. */
  public List<Notification> about(Node agreement) {
    return ids("outbox-for-agreement", Map.of("ag", agreement)).stream()
        .map(this::get)
        .flatMap(Optional::stream)
        .toList();
  }

  public Optional<Notification> get(Node id) {
    Graph g = store.construct(Queries.bind("outbox-notification", Map.of("n", id)));
    return OutboxQuads.read(g, id);
  }

  private List<Node> ids(String query, Map<String, Node> values) {
    List<Node> out = new ArrayList<>();
    store.select(Queries.bind(query, values)).forEach(b -> out.add(b.get(Var.alloc("n"))));
    return out;
  }

  /**
   * Takes the next attempt: counts it and moves the next one to {@code retryAt}, so a crash while
   * sending leads to a retry then. False when another instance took this attempt first.
   */
  public boolean claim(Notification n, Instant retryAt) {
    Node id = n.id();
    Node next = count(n.attempts() + 1);
    List<Quad> remove =
        List.of(
            quad(id, OutboxTerms.nextAttempt, time(n.nextAttempt())),
            quad(id, OutboxTerms.attempts, count(n.attempts())));
    return write(
        List.of(
            Guard.exists(OutboxTerms.GRAPH, id, OutboxTerms.attempts, count(n.attempts())),
            pending(id)),
        remove,
        List.of(
            quad(id, OutboxTerms.attempts, next), quad(id, OutboxTerms.nextAttempt, time(retryAt))),
        quad(id, OutboxTerms.attempts, next));
  }

  /** The message to this address was accepted by the mail server. */
  public void delivered(Notification n, String address) {
    Quad q = quad(n.id(), OutboxTerms.deliveredTo, lit(address));
    write(List.of(), List.of(), List.of(q), q);
  }

  /** The recipient turned this kind off: nothing is sent to the address. */
  public void skipped(Notification n, String address) {
    Quad q = quad(n.id(), OutboxTerms.skippedFor, lit(address));
    write(List.of(), List.of(), List.of(q), q);
  }

  /** The recipient takes a daily digest: the notification waits in it for the address. */
  public void held(Notification n, String address) {
    Quad q = quad(n.id(), OutboxTerms.heldFor, lit(address));
    write(List.of(), List.of(), List.of(q), q);
  }

  /** The address is refused for good (e.g. no such mailbox): it is not retried. */
  public void refused(Notification n, String address, String reason) {
    Quad q = quad(n.id(), OutboxTerms.failedRecipient, lit(address + ": " + reason));
    write(List.of(), List.of(), List.of(q), q);
  }

  /** Why the last attempt did not finish (the mail server or the directory was unavailable). */
  public void attemptFailed(Notification n, String reason) {
    Node id = n.id();
    List<Quad> remove = new ArrayList<>();
    n.lastError().ifPresent(e -> remove.add(quad(id, OutboxTerms.lastError, lit(e))));
    Quad q = quad(id, OutboxTerms.lastError, lit(reason));
    write(List.of(), remove, List.of(q), q);
  }

  /** Ends the notification's delivery: sent, or failed with the reason. */
  public void finish(
      Notification n, Notification.State state, Optional<String> reason, Instant at) {
    Node id = n.id();
    List<Quad> add = new ArrayList<>();
    add.add(quad(id, OutboxTerms.state, lit(state.slug())));
    add.add(quad(id, OutboxTerms.finished, time(at)));
    List<Quad> remove = new ArrayList<>();
    remove.add(quad(id, OutboxTerms.state, lit(Notification.State.PENDING.slug())));
    reason.ifPresent(
        r -> {
          n.lastError().ifPresent(e -> remove.add(quad(id, OutboxTerms.lastError, lit(e))));
          add.add(quad(id, OutboxTerms.lastError, lit(r)));
        });
    write(List.of(pending(id)), remove, add, add.get(0));
  }

  private static Guard pending(Node id) {
    return Guard.exists(OutboxTerms.GRAPH, id, OutboxTerms.state, lit("pending"));
  }

  /**
   * A bookkeeping write: guarded like any change, with an "audit" that appends nothing and leaves
   * the log head as it is (the marker quad tells a remote store the write landed).
   */
  boolean write(List<Guard> guards, List<Quad> remove, List<Quad> add, Quad marker) {
    Change change =
        new Change(guards, remove, add, head -> new Change.Appended(List.of(), head, marker));
    return store.commit(change) == RegistryStore.CommitOutcome.APPLIED;
  }
}
