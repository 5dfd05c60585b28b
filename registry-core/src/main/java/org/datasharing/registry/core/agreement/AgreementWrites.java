package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.common.Result.conflict;
import static org.datasharing.registry.core.common.Result.forbidden;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.Guard;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * How an agreement changes: each use case plans a {@link Pending} write from a snapshot, and this
 * commits it with its audit event, guarded by the agreement's revision; a plan that loses a race is
 * re-read and re-planned, never lost.
 */
final class AgreementWrites {
  private static final int MAX_ATTEMPTS = 30;

  private final RegistryStore store;
  private final AgreementReads reads;
  private final Clock clock;
  private final AuditLog audit;
  private final VersionHashes hashes;

  AgreementWrites(
      RegistryStore store,
      AgreementReads reads,
      Clock clock,
      AuditLog audit,
      VersionHashes hashes) {
    this.store = store;
    this.reads = reads;
    this.clock = clock;
    this.audit = audit;
    this.hashes = hashes;
  }

  /** What one attempt wants to write. */
  record Pending(
      List<Quad> remove,
      List<Quad> add,
      Node action,
      Node version,
      String hash,
      String detail,
      List<Guard> guards) {
    Pending(
        List<Quad> remove, List<Quad> add, Node action, Node version, String hash, String detail) {
      this(remove, add, action, version, hash, detail, List.of());
    }
  }

  /** {@link #attempt}, planned only once the policy allows the actor the action. */
  Result<AgreementView> attempt(
      String id,
      Actor actor,
      AgreementPolicy.Action action,
      Function<AgreementSnapshot, Result<Pending>> step) {
    return attempt(id, allowed(actor, action, step), actor);
  }

  /** {@link #removeGraph}, planned only once the policy allows the actor the action. */
  Result<String> removeGraph(
      String id,
      Actor actor,
      AgreementPolicy.Action action,
      Function<AgreementSnapshot, Result<Pending>> step) {
    return removeGraph(id, allowed(actor, action, step), actor);
  }

  /** The step, behind the policy's answer for the action: a refusal is the result. */
  private static Function<AgreementSnapshot, Result<Pending>> allowed(
      Actor actor,
      AgreementPolicy.Action action,
      Function<AgreementSnapshot, Result<Pending>> step) {
    return a -> {
      Optional<AgreementPolicy.Refusal> refused = AgreementPolicy.check(actor, a, action);
      return refused.isPresent() ? refused.get().result() : step.apply(a);
    };
  }

  /** Reads, decides and commits guarded by the agreement's revision; a lost race is retried. */
  Result<AgreementView> attempt(
      String id, Function<AgreementSnapshot, Result<Pending>> step, Actor actor) {
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      Result<AgreementSnapshot> loaded = reads.load(id);
      if (!loaded.ok()) {
        return loaded.asFailure();
      }
      AgreementSnapshot a = loaded.value();
      if (!AgreementPolicy.canSee(actor, a)) {
        return forbidden("Your organisation is not party to agreement " + id);
      }
      Result<Pending> planned = step.apply(a);
      if (!planned.ok()) {
        return planned.asFailure();
      }
      Pending p = planned.value();
      Node ag = a.iri();
      List<Quad> remove = new ArrayList<>(p.remove());
      List<Quad> add = new ArrayList<>(p.add());
      remove.add(Quad.create(ag, ag, DSR.revision.asNode(), a.revisionNode()));
      add.add(Quad.create(ag, ag, DSR.revision.asNode(), longLit(a.revision() + 1)));
      a.triples(ag, DCTerms.modified.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
      add.add(Quad.create(ag, ag, DCTerms.modified.asNode(), timeLit(clock.instant())));
      List<Guard> guards = new ArrayList<>(p.guards());
      guards.add(Guard.exists(ag, ag, DSR.revision.asNode(), a.revisionNode()));
      Change change =
          new Change(
              guards,
              remove,
              add,
              audit.appender(
                  audit.event(p.action(), actor, ag, p.version(), p.hash(), p.detail())));
      if (store.commit(change) == RegistryStore.CommitOutcome.APPLIED) {
        // the revision guard held, so the graph now is the snapshot with this change applied:
        // no need to read it back
        return Result.ok(reads.view(actor, a.with(remove, add)));
      }
      backOff(i);
    }
    return conflict("Agreement " + id + " is changing too often; try again");
  }

  /**
   * Removes the agreement's whole graph in one commit guarded by its revision, once {@code step}
   * allows it; the audit event (in the log, not the graph) stays. A lost race is re-checked.
   */
  Result<String> removeGraph(
      String id, Function<AgreementSnapshot, Result<Pending>> step, Actor actor) {
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      Result<AgreementSnapshot> loaded = reads.load(id);
      if (!loaded.ok()) {
        return loaded.asFailure();
      }
      AgreementSnapshot a = loaded.value();
      if (!AgreementPolicy.canSee(actor, a)) {
        return forbidden("Your organisation is not party to agreement " + id);
      }
      Result<Pending> planned = step.apply(a);
      if (!planned.ok()) {
        return planned.asFailure();
      }
      Pending p = planned.value();
      Node ag = a.iri();
      List<Quad> remove = a.graph().find().mapWith(t -> new Quad(ag, t)).toList();
      Change change =
          new Change(
              List.of(Guard.exists(ag, ag, DSR.revision.asNode(), a.revisionNode())),
              remove,
              List.of(),
              audit.appender(
                  audit.event(p.action(), actor, ag, p.version(), p.hash(), p.detail())));
      if (store.commit(change) == RegistryStore.CommitOutcome.APPLIED) {
        return Result.ok(id);
      }
      backOff(i);
    }
    return conflict("Agreement " + id + " is changing too often; try again");
  }

  /** Moves the workflow (the amendment's if one is under way) to {@code target}. */
  Pending workflowTo(AgreementSnapshot a, AgreementStatus target, Node action, String detail) {
    List<Quad> remove = new ArrayList<>();
    List<Quad> add = new ArrayList<>();
    setWorkflowStatus(a, target, remove, add);
    Node v = a.currentVersion();
    return new Pending(remove, add, action, v, hashes.of(a, v), detail);
  }

  /** Moves the amendment's status if one is under way, else the agreement's. */
  static void setWorkflowStatus(
      AgreementSnapshot a, AgreementStatus target, List<Quad> remove, List<Quad> add) {
    Node ag = a.iri();
    boolean amending = a.amendmentStatus().isPresent();
    Node property = amending ? DSR.amendmentStatus.asNode() : DSR.status.asNode();
    a.triples(ag, property).forEach(t -> remove.add(new Quad(ag, t)));
    if (!(amending && target == AgreementStatus.APPROVED)) {
      add.add(Quad.create(ag, ag, property, target.node()));
    }
  }

  /** Moves the agreement's own status, with the reason (and the end, if it ends). */
  Pending statusTo(AgreementSnapshot a, AgreementStatus target, Node action, String reason) {
    Node ag = a.iri();
    List<Quad> remove = new ArrayList<>();
    List<Quad> add = new ArrayList<>();
    a.triples(ag, DSR.status.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
    add.add(Quad.create(ag, ag, DSR.status.asNode(), target.node()));
    a.triples(ag, DSR.statusReason.asNode()).forEach(t -> remove.add(new Quad(ag, t)));
    add.add(
        Quad.create(ag, ag, DSR.statusReason.asNode(), NodeFactory.createLiteralString(reason)));
    if (target == AgreementStatus.TERMINATED || target == AgreementStatus.EXPIRED) {
      add.add(Quad.create(ag, ag, DSR.endedAt.asNode(), timeLit(clock.instant())));
    }
    Node v = a.versionInForce().orElse(a.currentVersion());
    return new Pending(remove, add, action, v, hashes.of(a, v), target + ": " + reason);
  }

  static void add(List<Quad> quads, Node g, Node s, Node p, Node o) {
    quads.add(Quad.create(g, s, p, o));
  }

  static Node longLit(long v) {
    return NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDlong);
  }

  static Node timeLit(Instant t) {
    return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(20, attempt + 1) + (long) (Math.random() * 3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the version in force has reached its start date (UTC). */
  boolean started(AgreementSnapshot a) {
    java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    return a.date(a.versionInForce().orElse(a.currentVersion()), DSR.startDate.asNode())
        .map(start -> !today.isBefore(start))
        .orElse(true);
  }
}
