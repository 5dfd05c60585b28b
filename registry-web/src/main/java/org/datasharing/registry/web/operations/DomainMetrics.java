package org.datasharing.registry.web.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.jena.sparql.engine.binding.Binding;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.catalog.CatalogImport;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.notification.Notification;
import org.datasharing.registry.core.notification.Outbox;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.StoreEvents;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The registry's own metrics beside the JVM and HTTP ones Spring Boot publishes (names as
 * Prometheus shows them):
 *
 * <ul>
 *   <li>{@code registry_agreements{status}}: agreements in each status (a cached count query)
 *   <li>{@code registry_decisions_seconds{channel,status}}: decisions on agreements, and how long
 *       they took (API and pages; see {@link RouteEvents})
 *   <li>{@code registry_search_seconds{channel}}: dataset searches
 *   <li>{@code registry_sparql_queries_total{outcome}}: SPARQL queries answered ({@code ok}) or
 *       refused, by reason ({@code timeout}, {@code too_many_results}, {@code busy}, ...), and
 *       {@code registry_sparql_query_seconds} their time
 *   <li>{@code registry_audit_tree_size}: events in the audit log
 *   <li>{@code registry_audit_verification_last_*}: the last verification's time, result (1 intact)
 *       and duration; {@code registry_audit_verifications_seconds{result}} all of them
 *   <li>{@code registry_store_size_bytes}: the store's size on disk (cached)
 *   <li>{@code registry_store_commit_batch_changes}: changes per write transaction (group commit)
 *   <li>{@code registry_store_compactions_total}, {@code
 *       registry_store_compaction_last_duration_seconds}: compactions of the store and the last
 *       one's time
 *   <li>{@code registry_import_running}, {@code registry_import_triples}, {@code
 *       registry_import_datasets}, {@code registry_import_datasets_processed}: the running (or
 *       last) catalogue import's file and how far it has got
 *   <li>{@code registry_notifications{state}}: notifications waiting to be sent ({@code pending})
 *       and given up ({@code failed}) in the outbox (cached)
 *   <li>{@code registry_keycloak_admin_failures_total{operation,kind}}: failed calls to Keycloak's
 *       admin API, by directory operation and kind of failure
 * </ul>
 */
@Component
@EnableConfigurationProperties(MetricsProperties.class)
public class DomainMetrics {
  /** SPARQL outcomes that are a limit or a rule the query ran into, for the security log. */
  static final Set<String> LIMITS =
      Set.of(
          "refused",
          "too_large",
          "timeout",
          "too_many_results",
          "too_complex",
          "value_too_large",
          "busy",
          "overloaded");

  private final MeterRegistry meters;
  private final AtomicReference<AuditTrail.Verification> lastVerification = new AtomicReference<>();
  private volatile Duration lastVerificationTook = Duration.ZERO;
  private volatile Duration lastCompactionTook = Duration.ZERO;
  private final AtomicReference<CatalogImport.Progress> importProgress =
      new AtomicReference<>(new CatalogImport.Progress(false, 0, 0, 0));

  DomainMetrics(
      MeterRegistry meters,
      RegistryStore store,
      AuditTrail auditTrail,
      CatalogImport catalogImport,
      Outbox outbox,
      MetricsProperties props) {
    this.meters = meters;
    storeWork(store);
    imports(catalogImport);
    Supplier<Map<Notification.State, Integer>> outboxCounts =
        new Cached<>(() -> outboxCounts(outbox), props.gaugeRefresh());
    for (Notification.State state :
        List.of(Notification.State.PENDING, Notification.State.FAILED)) {
      Gauge.builder("registry.notifications", outboxCounts, c -> c.get().getOrDefault(state, 0))
          .description(
              "Notifications in the outbox waiting to be sent (pending) or given up (failed)")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .strongReference(true)
          .register(meters);
    }
    Supplier<Map<AgreementStatus, Long>> byStatus =
        new Cached<>(() -> countByStatus(store), props.gaugeRefresh());
    for (AgreementStatus status : AgreementStatus.values()) {
      Gauge.builder("registry.agreements", byStatus, s -> s.get().getOrDefault(status, 0L))
          .description("Agreements in each status")
          .tag("status", status.name().toLowerCase(Locale.ROOT))
          // Micrometer holds a gauge's object weakly: only the gauge refers to this cache
          .strongReference(true)
          .register(meters);
    }
    Gauge.builder("registry.audit.tree.size", store, s -> s.logHead().size())
        .description("Events in the audit log (the Merkle tree's size)")
        .register(meters);
    Supplier<Long> onDisk = new Cached<>(store::sizeOnDisk, props.gaugeRefresh());
    Gauge.builder("registry.store.size", onDisk, s -> s.get())
        .description("The store's size on disk (0 for a remote store)")
        .baseUnit("bytes")
        .strongReference(true)
        .register(meters);
    Gauge.builder(
            "registry.audit.verification.last.time",
            lastVerification,
            v -> v.get() == null ? Double.NaN : v.get().verifiedAt().getEpochSecond())
        .description("When the audit log was last verified (Unix time)")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder(
            "registry.audit.verification.last.intact",
            lastVerification,
            v -> v.get() == null ? Double.NaN : v.get().intact() ? 1 : 0)
        .description("Whether the last verification found the audit log intact (1) or not (0)")
        .register(meters);
    Gauge.builder(
            "registry.audit.verification.last.duration",
            this,
            m -> m.lastVerificationTook.toNanos() / 1e9)
        .description("How long the last verification of the audit log took")
        .baseUnit("seconds")
        .register(meters);
    auditTrail.onVerified(this::verified);
  }

  /** Group-commit batch sizes and compactions, as the store reports them. */
  private void storeWork(RegistryStore store) {
    DistributionSummary batches =
        DistributionSummary.builder("registry.store.commit.batch")
            .description("Changes carried by each write transaction (group commit)")
            .baseUnit("changes")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
            .register(meters);
    Counter compactions =
        Counter.builder("registry.store.compactions")
            .description("Compactions of the store")
            .register(meters);
    Gauge.builder(
            "registry.store.compaction.last.duration",
            this,
            m -> m.lastCompactionTook.toNanos() / 1e9)
        .description("How long the last compaction of the store took")
        .baseUnit("seconds")
        .register(meters);
    store.observe(
        new StoreEvents() {
          @Override
          public void committed(int changes) {
            batches.record(changes);
          }

          @Override
          public void compacted(Duration took, long bytesBefore, long bytesAfter) {
            lastCompactionTook = took;
            compactions.increment();
          }
        });
  }

  /** The running (or last) catalogue import's size and progress. */
  private void imports(CatalogImport catalogImport) {
    Gauge.builder("registry.import.running", importProgress, p -> p.get().running() ? 1 : 0)
        .description("Whether a catalogue import is running (1) or not (0)")
        .register(meters);
    Gauge.builder("registry.import.triples", importProgress, p -> p.get().triples())
        .description("Triples in the running (or last) catalogue import's file")
        .register(meters);
    Gauge.builder("registry.import.datasets", importProgress, p -> p.get().datasets())
        .description("Datasets in the running (or last) catalogue import's file")
        .register(meters);
    Gauge.builder(
            "registry.import.datasets.processed", importProgress, p -> p.get().datasetsProcessed())
        .description("Datasets of the running (or last) catalogue import validated so far")
        .register(meters);
    catalogImport.onProgress(importProgress::set);
  }

  /** A call to Keycloak's admin API failed: which directory operation, and how. */
  public void keycloakFailure(String operation, DirectoryException.Kind kind) {
    Counter.builder("registry.keycloak.admin.failures")
        .description("Failed calls to Keycloak's admin API, by operation and kind of failure")
        .tag("operation", operation)
        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .register(meters)
        .increment();
  }

  private static Map<Notification.State, Integer> outboxCounts(Outbox outbox) {
    Map<Notification.State, Integer> counts = new EnumMap<>(Notification.State.class);
    for (Notification.State state :
        List.of(Notification.State.PENDING, Notification.State.FAILED)) {
      counts.put(state, outbox.inState(state).size());
    }
    return counts;
  }

  private void verified(AuditTrail.Verification result, Duration took) {
    SecurityLog.event(
        "audit-verification",
        result.intact() ? "success" : "failure",
        "treeSize",
        result.treeSize(),
        "findings",
        result.findings().size(),
        "millis",
        took.toMillis());
    lastVerificationTook = took;
    lastVerification.set(result);
    Timer.builder("registry.audit.verifications")
        .description("Verifications of the audit log, by result")
        .tag("result", result.intact() ? "intact" : "findings")
        .register(meters)
        .record(took);
  }

  /**
   * One SPARQL request's outcome: {@code ok}, or the reason it got no answer (a {@code
   * SparqlProblem.Kind} or one of the protocol checks, lower case).
   */
  public void sparql(String outcome, long nanos) {
    String tag = outcome.toLowerCase(Locale.ROOT);
    if (LIMITS.contains(tag)) {
      SecurityLog.event("sparql-limit", "refused", "reason", tag);
    }
    Counter.builder("registry.sparql.queries")
        .description("SPARQL queries, answered (ok) or refused by reason")
        .tag("outcome", tag)
        .register(meters)
        .increment();
    Timer.builder("registry.sparql.query")
        .description("Time to answer or refuse a SPARQL query")
        .tag("outcome", tag)
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A decision on an agreement: its channel (api, page), HTTP status and time. */
  void decision(String channel, int status, long nanos) {
    Timer.builder("registry.decisions")
        .description("Decisions on agreements (approve, reject, request changes)")
        .tag("channel", channel)
        .tag("status", Integer.toString(status))
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A dataset search and its time. */
  void search(String channel, long nanos) {
    Timer.builder("registry.search")
        .description("Dataset searches")
        .tag("channel", channel)
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private static Map<AgreementStatus, Long> countByStatus(RegistryStore store) {
    Map<AgreementStatus, Long> counts = new EnumMap<>(AgreementStatus.class);
    for (Binding b : store.select(Queries.get("agreements-by-status"))) {
      AgreementStatus.of(b.get("status"))
          .ifPresent(
              s ->
                  counts.merge(
                      s, ((Number) b.get("count").getLiteralValue()).longValue(), Long::sum));
    }
    return counts;
  }

  /** A value computed at most once per period, so frequent scrapes cost one query each period. */
  private static final class Cached<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private final long periodNanos;
    private T value;
    private long computedAt;

    Cached(Supplier<T> compute, Duration period) {
      this.compute = compute;
      this.periodNanos = period.toNanos();
    }

    @Override
    public synchronized T get() {
      long now = System.nanoTime();
      if (value == null || now - computedAt >= periodNanos) {
        value = compute.get();
        computedAt = now;
      }
      return value;
    }
  }
}
