package org.datasharing.registry.core;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.datasharing.registry.core.access.AccessRequests;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.SampleHistory;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.People;
import org.datasharing.registry.core.audit.PublishedKey;
import org.datasharing.registry.core.audit.ResourceWriter;
import org.datasharing.registry.core.audit.SigningKey;
import org.datasharing.registry.core.audit.TreeHeads;
import org.datasharing.registry.core.catalog.CatalogImport;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.evidence.EvidenceBundle;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.core.identity.Onboarding;
import org.datasharing.registry.core.identity.Reconciliation;
import org.datasharing.registry.core.linkeddata.LinkedData;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.register.PublicRegister;
import org.datasharing.registry.core.search.CatalogSearch;
import org.datasharing.registry.core.store.Bootstrap;
import org.datasharing.registry.core.store.ObservedStore;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.validation.ReviewInterval;
import org.datasharing.registry.core.validation.ShapeValidator;
import org.datasharing.registry.ontology.vocab.Graphs;

/** The registry's domain, wired over one store: what adapters (web, CLI, tests) call. */
public final class Registry {
  private final RegistryStore store;
  private final ObservedStore observed;
  private final AuditLog audit;
  private final Clock clock;
  private final Ids ids;
  private final ReferenceData reference;
  private final AuditTrail auditTrail;
  private final org.datasharing.registry.core.audit.LogVerifications logVerifications;
  private final AgreementService agreements;
  private final OrganisationService organisations;
  private final CatalogService catalog;
  private final CatalogImport catalogImport;
  private final org.datasharing.registry.core.agreement.AgreementImport agreementImport;
  private final LinkedData linkedData;
  private final CatalogSearch search;
  private final AccessRequests accessRequests;
  private final PublicRegister publicRegister;

  /**
   * Initialises the store (ontology, reference and, if asked, sample data) and wires the services.
   */
  public Registry(RegistryStore store, String base, Clock clock, boolean sampleData) {
    this(store, base, clock, sampleData, Optional.empty());
  }

  /**
   * As above, with the dataset search index in {@code searchIndex} (kept across restarts) instead
   * of in memory.
   */
  public Registry(
      RegistryStore raw, String base, Clock clock, boolean sampleData, Optional<Path> searchIndex) {
    this(raw, base, clock, sampleData, searchIndex, Optional.empty());
  }

  /**
   * As above, with the longest review interval set (else the shapes' default, one year): the
   * review-date rule at submit and the review decisions both use it.
   */
  public Registry(
      RegistryStore raw,
      String base,
      Clock clock,
      boolean sampleData,
      Optional<Path> searchIndex,
      Optional<java.time.Period> maxReviewInterval) {
    this.store = raw;
    this.ids = new Ids(base);
    boolean replay = Bootstrap.initialise(raw, base, sampleData);
    // services write through the observed store, so the search index follows every commit
    this.clock = clock;
    // every audited change also records, in the same commit, the notifications it causes
    // a failing store reaches the services as StoreUnavailable, whichever implementation it is
    this.observed =
        new ObservedStore(
            new org.datasharing.registry.core.notification.OutboxStore(
                org.datasharing.registry.core.store.StoreFailures.of(raw), base));
    this.reference = new ReferenceData(observed.graph(Graphs.REFERENCE_NODE));
    org.apache.jena.graph.Graph shapes =
        maxReviewInterval
            .map(p -> ReviewInterval.applyTo(Bootstrap.shapes(), p))
            .orElseGet(Bootstrap::shapes);
    ShapeValidator validator = new ShapeValidator(shapes);
    // the organisation's name on record when an event is made (organisations is built below,
    // before any event can be)
    AtomicReference<OrganisationService> names = new AtomicReference<>();
    this.audit = new AuditLog(ids, clock, slug -> names.get().get(slug).map(o -> o.name()));
    ResourceWriter writer = new ResourceWriter(observed, validator, audit);
    this.auditTrail = new AuditTrail(observed, clock);
    auditTrail.onVerified(new org.datasharing.registry.core.audit.UnverifiedEvents(observed));
    this.logVerifications =
        new org.datasharing.registry.core.audit.LogVerifications(
            auditTrail, observed, audit, clock);
    this.catalog = new CatalogService(observed, ids, reference, writer);
    this.agreements =
        new AgreementService(
            observed, ids, clock, audit, validator, reference, catalog, ReviewInterval.of(shapes));
    this.organisations = new OrganisationService(observed, ids, reference, writer);
    names.set(organisations);
    if (replay) {
      replaySampleHistory(validator, ReviewInterval.of(shapes));
    }
    this.catalogImport = new CatalogImport(observed, ids, reference, validator, audit);
    // through the observed store like every change (the search index follows it); its replayed
    // events tell no one (NotificationRules)
    this.agreementImport =
        new org.datasharing.registry.core.agreement.AgreementImport(
            observed, ids, reference, validator, audit, ReviewInterval.of(shapes), clock);
    this.linkedData = new LinkedData(ids, catalog, agreements, writer);
    this.search = new CatalogSearch(observed, ids, reference, catalog, searchIndex);
    observed.listen(search);
    this.accessRequests =
        new AccessRequests(observed, ids, reference, catalog, organisations, agreements);
    this.publicRegister =
        new PublicRegister(
            agreements,
            organisations,
            reference,
            d ->
                catalog
                    .get(org.datasharing.registry.core.catalog.DatasetVisibility.PUBLIC, d)
                    .map(org.datasharing.registry.core.catalog.Dataset::title));
  }

  /**
   * The sample agreements, built by replaying their history through the lifecycle with each step's
   * historical time, through the observed store like every change; its events are marked as
   * replayed ({@code dsr:replayedAt}), which tells no one (NotificationRules).
   */
  private void replaySampleHistory(ShapeValidator validator, java.time.Period reviewInterval) {
    SampleHistory.HistoricalClock past = new SampleHistory.HistoricalClock();
    AgreementService replaying =
        new AgreementService(
            observed,
            ids,
            past,
            audit.replaying(past),
            validator,
            reference,
            catalog,
            reviewInterval);
    int steps =
        new SampleHistory(replaying, past, ids, reference, catalog)
            .replay(Bootstrap.sampleAgreements(ids.base()));
    org.slf4j.LoggerFactory.getLogger(Registry.class)
        .info("sample agreements replayed through the lifecycle: {} steps", steps);
  }

  /** Imports of existing agreements with their history, replayed through the lifecycle. */
  public org.datasharing.registry.core.agreement.AgreementImport agreementImport() {
    return agreementImport;
  }

  /** Onboarding against an identity directory, writing through the registry's store and log. */
  public Onboarding onboarding(IdentityDirectory directory) {
    return new Onboarding(organisations, agreements, observed, ids, audit, directory, clock);
  }

  /** Reconciliation with an identity directory, writing through the registry's store and log. */
  public Reconciliation reconciliation(IdentityDirectory directory) {
    return new Reconciliation(organisations, agreements, observed, ids, audit, directory, clock);
  }

  /** Each person's notification preferences, changed through the audited write path. */
  public org.datasharing.registry.core.notification.Preferences preferences() {
    return new org.datasharing.registry.core.notification.Preferences(observed, ids, audit);
  }

  /** Evidence bundles of agreements, for auditors. */
  public EvidenceBundle evidence(TreeHeads treeHeads) {
    return new EvidenceBundle(agreements, auditTrail, observed, ids, treeHeads);
  }

  /** Backups of the embedded store into the folder (registry administrators). */
  public org.datasharing.registry.core.store.StoreBackups backups(java.nio.file.Path folder) {
    return new org.datasharing.registry.core.store.StoreBackups(store, folder);
  }

  public RegistryStore store() {
    return store;
  }

  public Ids ids() {
    return ids;
  }

  public ReferenceData reference() {
    return reference;
  }

  /** Tree heads signed with {@code key}; {@code retired} are the keys it replaced. */
  public TreeHeads treeHeads(SigningKey key, List<PublishedKey> retired) {
    return new TreeHeads(auditTrail, key, retired, clock);
  }

  /** The people in the audit trail (auditors and registry administrators only). */
  public People people() {
    return new People(observed, ids);
  }

  public AuditTrail auditTrail() {
    return auditTrail;
  }

  /** Full verifications of the audit log in the background, each result kept as an event. */
  public org.datasharing.registry.core.audit.LogVerifications logVerifications() {
    return logVerifications;
  }

  public AgreementService agreements() {
    return agreements;
  }

  public OrganisationService organisations() {
    return organisations;
  }

  public CatalogService catalog() {
    return catalog;
  }

  public CatalogImport catalogImport() {
    return catalogImport;
  }

  public LinkedData linkedData() {
    return linkedData;
  }

  public CatalogSearch search() {
    return search;
  }

  public AccessRequests accessRequests() {
    return accessRequests;
  }

  public PublicRegister publicRegister() {
    return publicRegister;
  }
}
