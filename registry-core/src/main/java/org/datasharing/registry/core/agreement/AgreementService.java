package org.datasharing.registry.core.agreement;

import static org.datasharing.registry.core.common.Result.forbidden;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.validation.ShapeValidator;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * The agreement lifecycle: drafting, submission against the SHACL shapes, each party's DPO decision
 * on the exact version text, and the transitions after approval. Every change is one guarded,
 * audited commit; a change that loses a race is re-read and re-checked, never lost.
 *
 * <p>The public entry point: each use case lives in its own package-private class ({@link
 * Drafting}, {@link Decisions}, {@link AfterApproval}, {@link DateTransitions}), and all of them
 * commit through {@link AgreementWrites}.
 */
public final class AgreementService {
  private final AgreementReads reads;
  private final PublicRecord publicRecord;
  private final Drafting drafting;
  private final Decisions decisions;
  private final Withdrawal withdrawal;
  private final AfterApproval afterApproval;
  private final Reviews reviews;
  private final PartyLeaving leaving;
  private final Incidents incidents;
  private final Destruction destruction;
  private final DateTransitions dates;
  private final AssuranceCheck assurance;

  public AgreementService(
      RegistryStore store,
      Ids ids,
      Clock clock,
      AuditLog audit,
      ShapeValidator validator,
      ReferenceData reference,
      CatalogService catalog,
      java.time.Period maxReviewInterval) {
    ContentMapper mapper = new ContentMapper(ids, reference);
    VersionHashes hashes = new VersionHashes();
    this.reads = new AgreementReads(store, ids, mapper, hashes);
    this.publicRecord =
        new PublicRecord(
            reads,
            ids,
            mapper,
            hashes,
            d ->
                catalog
                    .get(org.datasharing.registry.core.catalog.DatasetVisibility.PUBLIC, d)
                    .isPresent());
    AgreementWrites writes = new AgreementWrites(store, reads, clock, audit, hashes);
    AssuranceCheck assurance = new AssuranceCheck(store, ids, clock, reference);
    this.assurance = assurance;
    this.drafting =
        new Drafting(
            writes, store, ids, clock, audit, validator, reference, mapper, catalog, assurance);
    this.decisions = new Decisions(writes, ids, clock, hashes, assurance, store);
    this.withdrawal = new Withdrawal(writes, hashes);
    this.afterApproval = new AfterApproval(writes);
    this.reviews = new Reviews(writes, ids, clock, hashes, maxReviewInterval);
    this.leaving = new PartyLeaving(writes, drafting, ids, clock);
    this.incidents = new Incidents(writes, ids, clock, hashes);
    this.destruction = new Destruction(writes, ids, clock, hashes);
    this.dates = new DateTransitions(writes, store, ids, clock);
  }

  /** A DPO's decision on a version. */
  public enum Outcome {
    APPROVE(DSR.Approve.asNode()),
    REJECT(DSR.Reject.asNode()),
    REQUEST_CHANGES(DSR.RequestChanges.asNode());

    private final Node node;

    Outcome(Node node) {
      this.node = node;
    }

    public Node node() {
      return node;
    }

    static Optional<Outcome> of(Node node) {
      return Arrays.stream(values()).filter(o -> o.node.equals(node)).findFirst();
    }
  }

  /** A DPO's decision at the review of an agreement due for review. */
  public enum ReviewOutcome {
    CONTINUE(DSR.ContinueSharing.asNode()),
    AMEND(DSR.AmendmentNeeded.asNode()),
    END(DSR.EndSharing.asNode());

    private final Node node;

    ReviewOutcome(Node node) {
      this.node = node;
    }

    public Node node() {
      return node;
    }

    static Optional<ReviewOutcome> of(Node node) {
      return Arrays.stream(values()).filter(o -> o.node.equals(node)).findFirst();
    }
  }

  /** What a party did with the data it received once the agreement ended. */
  public enum Disposal {
    DESTROYED(DSR.Destroyed.asNode(), "destroyed"),
    RETURNED(DSR.Returned.asNode(), "returned"),
    NONE_RECEIVED(DSR.NoneReceived.asNode(), "none received");

    private final Node node;
    private final String words;

    Disposal(Node node, String words) {
      this.node = node;
      this.words = words;
    }

    public Node node() {
      return node;
    }

    /** In words: destroyed, returned, none received. */
    public String words() {
      return words;
    }

    /** The API's word for it: {@code destroyed}, {@code returned}, {@code none-received}. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Optional<Disposal> of(Node node) {
      return Arrays.stream(values()).filter(d -> d.node.equals(node)).findFirst();
    }

    public static Optional<Disposal> ofCode(String code) {
      return Arrays.stream(values()).filter(d -> d.code().equals(code)).findFirst();
    }
  }

  // ---------------------------------------------------------------- reads

  public Result<AgreementView> get(Actor actor, String id) {
    return reads.get(actor, id);
  }

  /**
   * What {@link #submit} would refuse in the current version, without changing anything: the SHACL
   * violations by field, empty when the version is complete. For the editor's task list.
   */
  public Result<List<Violation>> check(Actor actor, String id) {
    return reads
        .load(id)
        .flatMap(
            a ->
                reads.canSee(actor, a)
                    ? Result.ok(drafting.validate(a, a.currentVersion()))
                    : forbidden("Your organisation is not party to agreement " + id));
  }

  public List<AgreementView.Summary> list(Actor actor) {
    return reads.list(actor);
  }

  /**
   * The views of these agreements the actor may see (others are left out), read from the store in
   * one go: for lists that need each agreement's policy answers, without a read per agreement.
   */
  public List<AgreementView> views(Actor actor, java.util.Collection<String> ids) {
    return reads.views(actor, ids);
  }

  /**
   * Which of these agreements wait for the actor's decision or, for a senior officer, sign-off, by
   * the policy (one read).
   */
  public List<String> decidable(Actor actor, java.util.Collection<String> ids) {
    return reads.decidable(actor, ids);
  }

  /** The version in force at an instant: approved by every party by then and within its dates. */
  public Result<Optional<Integer>> versionInForceAt(Actor actor, String id, Instant at) {
    return reads.versionInForceAt(actor, id, at);
  }

  /** The text of one version, with its content hash. */
  public record VersionText(int number, String iri, String contentHash, AgreementContent content) {}

  public Result<VersionText> version(Actor actor, String id, int number) {
    return reads.version(actor, id, number);
  }

  /**
   * What the public transparency register shows of an agreement: summary fields of the version in
   * force.
   */
  public record RegisterEntry(
      String id,
      String iri,
      String title,
      AgreementStatus status,
      List<String> parties,
      AgreementContent summary,
      List<PublicVersion> versions) {}

  /**
   * A version every party approved, for the public version history: its number, the day the last
   * party approved it (ISO date), whether it is the version the register shows, and its content
   * hash (the one the parties approved, so anyone can check the full text published against it).
   */
  public record PublicVersion(int number, String approvedOn, boolean shown, String contentHash) {}

  /**
   * Agreements that are or were in force, never drafts or refused ones, with public fields only.
   */
  public List<RegisterEntry> register() {
    return publicRecord.register();
  }

  /**
   * The agreement as linked data: the whole graph for parties and auditors; for anyone else, only
   * an agreement that is or was in force, with its public fields. Others get NOT_FOUND, so drafts
   * are not even confirmed to exist.
   */
  public Result<Graph> describe(Actor actor, String id) {
    return publicRecord.describe(actor, id);
  }

  /**
   * How a party stands against one assurance scheme the version being worked on requires: met (a
   * certificate on record valid today), and the expiry of the latest certificate on record.
   */
  public record PartyAssurance(
      String organisation, String scheme, boolean met, Optional<LocalDate> validUntil) {}

  /**
   * Each party's standing against the assurance the version being worked on requires, by the same
   * rule submit and approval apply; empty when it requires none.
   */
  public Result<List<PartyAssurance>> assurance(Actor actor, String id) {
    return reads
        .load(id)
        .flatMap(
            a -> {
              if (!reads.canSee(actor, a)) {
                return forbidden("Your organisation is not party to agreement " + id);
              }
              Node v = a.currentVersion();
              List<PartyAssurance> out = new ArrayList<>();
              for (String org : a.partyOrganisations(v)) {
                for (AssuranceCheck.Standing st : assurance.standing(a, v, org)) {
                  out.add(new PartyAssurance(org, st.scheme(), st.met(), st.validUntil()));
                }
              }
              return Result.ok(out);
            });
  }

  /**
   * The agreements the actor may see (the one policy's rule) whose version being worked on, or the
   * version in force, shares the dataset: what a request for it might duplicate.
   */
  public List<AgreementView.Summary> sharing(Actor actor, String datasetId) {
    return reads.sharing(actor, datasetId);
  }

  /** A human-readable diff between two versions' texts. */
  public Result<VersionDiff> diff(Actor actor, String id, int from, int to) {
    return reads.diff(actor, id, from, to);
  }

  // ---------------------------------------------------------------- drafting

  public Result<AgreementView> createDraft(
      Actor actor, Optional<String> requestedId, AgreementContent content) {
    return drafting.createDraft(actor, requestedId, content).flatMap(id -> get(actor, id));
  }

  /** Replaces the text of the draft version being worked on. */
  public Result<AgreementView> updateDraft(Actor actor, String id, AgreementContent content) {
    return drafting.updateDraft(actor, id, content);
  }

  public Result<AgreementView> submit(Actor actor, String id) {
    return drafting.submit(actor, id);
  }

  /** Starts a new draft version after changes were requested. */
  public Result<AgreementView> revise(Actor actor, String id) {
    return drafting.revise(actor, id);
  }

  /**
   * Starts an amendment of an agreement in force; the approved version stays in force meanwhile.
   */
  public Result<AgreementView> amend(Actor actor, String id) {
    return drafting.amend(actor, id);
  }

  /** The drafting organisation withdraws a submitted version before any decision on it. */
  public Result<AgreementView> withdraw(Actor actor, String id) {
    return withdrawal.withdraw(actor, id);
  }

  /**
   * The drafting organisation deletes a draft that was never submitted: its graph goes, the audit
   * event stays. Answers the deleted agreement's identifier.
   */
  public Result<String> delete(Actor actor, String id) {
    return withdrawal.delete(actor, id);
  }

  // ---------------------------------------------------------------- decisions

  /**
   * Records the DPO's decision on the version they read: {@code contentHash} names the text read,
   * and a hash that is not the version's is refused with nothing recorded.
   */
  public Result<AgreementView> decide(
      Actor actor,
      String id,
      int versionNumber,
      String contentHash,
      Outcome outcome,
      Optional<String> reason) {
    return decisions.decide(actor, id, versionNumber, contentHash, outcome, reason);
  }

  /**
   * A senior officer's sign-off of their organisation's DPO approval of the version they read,
   * bound to the same content hash; a different hash is refused with nothing recorded.
   */
  public Result<AgreementView> signOff(
      Actor actor, String id, int versionNumber, String contentHash) {
    return decisions.signOff(actor, id, versionNumber, contentHash);
  }

  // ---------------------------------------------------------------- after approval

  public Result<AgreementView> suspend(Actor actor, String id, String reason) {
    return afterApproval.suspend(actor, id, reason);
  }

  public Result<AgreementView> resume(Actor actor, String id, String reason) {
    return afterApproval.resume(actor, id, reason);
  }

  public Result<AgreementView> terminate(Actor actor, String id, String reason) {
    return afterApproval.terminate(actor, id, reason);
  }

  /**
   * Records the DPO's review decision on an agreement due for review: {@code CONTINUE} with the
   * next review date (after today, within the longest review interval), {@code AMEND}, or {@code
   * END} with a reason (terminates it). When every party has decided to continue, the agreement is
   * active again until the earliest date proposed.
   */
  public Result<AgreementView> review(
      Actor actor,
      String id,
      ReviewOutcome outcome,
      Optional<java.time.LocalDate> nextReviewDate,
      Optional<String> reason) {
    return reviews.review(actor, id, outcome, nextReviewDate, reason);
  }

  /**
   * The DPO of a party gives notice that their organisation leaves an agreement in force with three
   * or more parties: a new version without it, otherwise the same text, goes to the remaining
   * parties for approval; the version in force binds everyone meanwhile.
   */
  public Result<AgreementView> leave(
      Actor actor, String id, String organisation, Optional<String> reason) {
    return leaving.leave(actor, id, organisation, reason);
  }

  /**
   * Staff of a party record a personal data breach or other incident affecting data shared under
   * the agreement (in force or ended): audited, and every party's DPO is told. Each missing or
   * unusable answer is refused by its field.
   */
  public Result<AgreementView> recordIncident(Actor actor, String id, Incident incident) {
    return incidents.record(actor, id, incident);
  }

  /**
   * The DPO of a party to an ended agreement (terminated or expired) confirms what their
   * organisation did with the data it received: destroyed, returned, or none received; once per
   * party, audited.
   */
  public Result<AgreementView> confirmDestruction(
      Actor actor, String id, Disposal disposal, Optional<String> statement) {
    return destruction.confirm(actor, id, disposal, statement);
  }

  /**
   * Applies the clock: approved agreements start on their start date, are due for review from their
   * review date and expire after their end date. Returns how many agreements moved.
   */
  public int tick() {
    return dates.tick();
  }
}
