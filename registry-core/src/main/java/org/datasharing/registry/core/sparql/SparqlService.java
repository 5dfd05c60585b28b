package org.datasharing.registry.core.sparql;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.core.DatasetDescription;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphZero;
import org.apache.jena.sparql.core.DynamicDatasets;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.tdb2.TDB2;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.StoreFailures;
import org.datasharing.registry.core.store.StoreUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs read-only SPARQL queries for one caller over the graphs {@link AccessPolicy} lets them see,
 * within {@link SparqlLimits}, and logs each request on the {@code registry.sparql.audit} logger.
 *
 * <p>Execution is plain ARQ: {@link QueryExec} over a per-request dataset, Jena's result and RDF
 * writers for the answer. Fuseki's {@code SPARQL_QueryDataset} was the alternative; it is built on
 * its own servlet action model (HttpAction, DataAccessPoint, its own error bodies and logging), so
 * it would bring the servlet API into the core and answer errors as text rather than problem+json,
 * while what it does that matters here (dataset description, timeout, content writing) is a few ARQ
 * calls. Access control follows jena-fuseki-access's approach for non-TDB datasets, a {@link
 * org.apache.jena.sparql.core.DatasetGraphFilteredView}, without pulling in Fuseki.
 *
 * <p>Each query is logged, not written to the audit graph: that graph is the Merkle log of state
 * changes, and a read changes nothing.
 *
 * <p>The endpoint is open to anonymous callers, so a query's cost is bounded on every axis (finding
 * 6 of the penetration test): {@link QueryComplexity} refuses, before anything runs, queries nested
 * too deeply and dangerous regular expressions; a {@link QueryGate} caps the queries running at
 * once, in total and per caller, refusing the excess at once; each admitted query runs on a worker
 * thread under a {@link QueryGuard} that {@link GuardedExprs} checks from inside the work Jena's
 * timeout cannot interrupt (one regular-expression match, building a string or a big number); and
 * the caller waits at most the timeout plus {@link QueryWorkers#GRACE}.
 */
public final class SparqlService {
  private static final Logger AUDIT = LoggerFactory.getLogger("registry.sparql.audit");

  private final RegistryStore store;
  private final Ids ids;
  private final SparqlLimits limits;
  private final AccessPolicy policy;
  private final SparqlParser parser;
  private final QueryWorkers workers;

  public SparqlService(RegistryStore store, Ids ids, SparqlLimits limits) {
    // the store's failures, whichever store it is, reach the endpoint as StoreUnavailable
    this.store = StoreFailures.of(store);
    this.ids = ids;
    this.limits = limits;
    this.policy = new AccessPolicy(ids);
    this.parser = new SparqlParser(ids.base(), limits);
    this.workers = new QueryWorkers(limits);
    allowTopN(limits.maxResults() + 1);
  }

  /**
   * Lets ORDER BY with a LIMIT up to {@code rows} keep only its top rows rather than sort every
   * solution in memory (queries here get a LIMIT of the result cap + 1). Jena reads this threshold
   * (default 1,000) from its global context only, so it is raised there, never lowered.
   */
  private static synchronized void allowTopN(int rows) {
    Object now = ARQ.getContext().get(ARQ.topNSortingThreshold);
    if (!(now instanceof Number n) || n.intValue() < rows) {
      ARQ.getContext().set(ARQ.topNSortingThreshold, rows);
    }
  }

  /**
   * Whether queries can run here: over the embedded TDB2 dataset directly, or over a live view of a
   * remote SPARQL store whose every read the store cancels at the query's deadline.
   */
  public boolean available() {
    return store.queryable();
  }

  public SparqlLimits limits() {
    return limits;
  }

  /** Queries running now (admitted, and their work not yet ended). */
  public int running() {
    return workers.running();
  }

  /** What a heap short of memory does: stops the running queries. */
  void shed() {
    workers.cancelAll(QueryGuard.Reason.MEMORY);
  }

  /** Parses, checks, runs and serialises one protocol request, and logs it. */
  public SparqlOutcome<SparqlResponse> execute(Actor actor, SparqlRequest request) {
    return execute(actor, callerOf(actor), request);
  }

  /**
   * As {@link #execute(Actor, SparqlRequest)}, counting the query against {@code caller}'s share of
   * concurrent queries (the web layer keys anonymous callers by their address).
   */
  public SparqlOutcome<SparqlResponse> execute(Actor actor, String caller, SparqlRequest request) {
    long started = System.nanoTime();
    SparqlOutcome<SparqlResponse> outcome = answer(actor, caller, request);
    audit(actor, request.query(), outcome, started);
    return outcome;
  }

  private static String callerOf(Actor actor) {
    return "user:" + actor.subject();
  }

  private SparqlOutcome<SparqlResponse> answer(Actor actor, String caller, SparqlRequest request) {
    if (!available()) {
      return SparqlOutcome.failed(
          SparqlProblem.Kind.UNAVAILABLE,
          "The SPARQL endpoint needs the embedded store or a remote SPARQL store");
    }
    SparqlOutcome<Query> parsed = parse(request.query());
    if (!parsed.ok()) {
      return parsed.asFailure();
    }
    Query query = parsed.value();
    boolean results = query.isSelectType() || query.isAskType();
    Optional<ResultFormat> format = ResultFormat.choose(request.accept(), results);
    if (format.isEmpty()) {
      return SparqlOutcome.failed(
          SparqlProblem.Kind.NOT_ACCEPTABLE,
          "This query's answer can be sent as "
              + Arrays.stream(ResultFormat.values())
                  .filter(f -> f.results() == results)
                  .map(ResultFormat::mediaType)
                  .collect(Collectors.joining(", ")));
    }
    if (request.hasDataset()) {
      // the protocol's dataset replaces the query's FROM / FROM NAMED (SPARQL 1.1 Protocol 2.1.4)
      query = query.cloneQuery();
      query.getGraphURIs().clear();
      query.getNamedGraphURIs().clear();
      request.defaultGraphUris().forEach(query::addGraphURI);
      request.namedGraphUris().forEach(query::addNamedGraphURI);
    }
    ResultFormat writer = format.get();
    // written on the worker too: serialising (JSON-LD above all) costs CPU the caps must count
    return evaluate(
        actor,
        caller,
        query,
        answer -> new SparqlResponse(writer, writer.write(answer), answer.size()));
  }

  /**
   * Parses a query (relative IRIs resolve against the registry's base, as in the sample data) and
   * refuses what this endpoint does not run: updates, {@code LOAD}, {@code SERVICE}, JSON queries.
   */
  public SparqlOutcome<Query> parse(String text) {
    return parser.parse(text);
  }

  /**
   * Runs a parsed query for the actor over the graphs they may see, in one read transaction, within
   * the timeout, the result and string caps and the concurrency caps.
   */
  public SparqlOutcome<Answer> evaluate(Actor actor, Query query) {
    return evaluate(actor, callerOf(actor), query, answer -> answer);
  }

  /**
   * Runs the query, and {@code then} on its answer (writing it), on a worker thread if the
   * concurrency caps admit it.
   */
  private <T> SparqlOutcome<T> evaluate(
      Actor actor, String caller, Query query, Function<Answer, T> then) {
    if (!available()) {
      return SparqlOutcome.failed(
          SparqlProblem.Kind.UNAVAILABLE, "The SPARQL endpoint needs the embedded store");
    }
    return workers.run(
        caller,
        guard -> {
          SparqlOutcome<Answer> answer = evaluate(actor, query, guard);
          return answer.ok() ? SparqlOutcome.ok(then.apply(answer.value())) : answer.asFailure();
        });
  }

  private SparqlOutcome<Answer> evaluate(Actor actor, Query query, QueryGuard guard) {
    // the same policy and the same evaluation on every store: TDB2 in one read transaction, a
    // remote store through a view whose reads the store itself cancels when the query's time is up
    // (the guard's deadline, from admission)
    try {
      return store.queryDataset(
          guard.deadline(),
          guard::whenCancelled,
          base -> run(query, base, policy.view(base, actor), guard));
    } catch (StoreUnavailable e) {
      return SparqlOutcome.failed(
          SparqlProblem.Kind.UNAVAILABLE,
          "The registry's store did not answer; try again in a few seconds");
    }
  }

  private SparqlOutcome<Answer> run(
      Query query, DatasetGraph base, DatasetGraph data, QueryGuard guard) {
    boolean whole = data == base;
    if (query.hasDatasetDescription()) {
      // FROM / FROM NAMED pick from the caller's view; a graph they may not see is dropped like
      // one that does not exist, so the two cannot be told apart. ARQ must not then load the
      // graphs again from the query.
      DatasetGraph view = data;
      DatasetDescription asked = DatasetDescription.create(query);
      DatasetDescription allowed =
          DatasetDescription.create(
              visible(asked.getDefaultGraphURIs(), view), visible(asked.getNamedGraphURIs(), view));
      data =
          allowed.isEmpty()
              ? DatasetGraphZero.create()
              : DynamicDatasets.dynamicDataset(allowed, view, false);
      query = query.cloneQuery();
      query.getGraphURIs().clear();
      query.getNamedGraphURIs().clear();
      whole = false;
    }
    if (query.isSelectType()
        && (!query.hasLimit() || query.getLimit() > limits.maxResults() + 1L)) {
      // one row past the cap is enough to refuse the answer; it lets ORDER BY keep only the top
      // rows (TopN) and every streaming query stop early, instead of sorting or reading all
      query = query.cloneQuery();
      query.setLimit(limits.maxResults() + 1L);
    }
    QueryExecBuilder exec =
        QueryExec.dataset(data)
            .query(query)
            .timeout(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)
            // belt and braces: parse() already refuses SERVICE
            .set(ARQ.httpServiceAllowed, false)
            // guards REGEX, REPLACE and the string-building functions of this query only
            .set(ARQConstants.sysOptimizerFactory, GuardedExprs.rewriteFactory(guard))
            // no property functions (apf:strSplit would run a regex unguarded, apf:concat build
            // strings): their predicates are plain triple patterns here
            .set(ARQ.propertyFunctions, false)
            .set(ARQConstants.registryPropertyFunctions, new PropertyFunctionRegistry());
    if (whole) {
      // auditors query TDB2 itself (its own engine and indexes); the default graph is the union
      // of the named graphs, as it is in every caller's view
      exec = exec.set(TDB2.symUnionDefaultGraph, true);
    }
    try (QueryExec qe = exec.build()) {
      guard.whenCancelled(qe::abort);
      guard.check(); // cancelled before the execution existed

      return new AnswerCollector(limits).collect(qe, query);
    }
  }

  private static List<String> visible(List<String> graphs, DatasetGraph view) {
    return graphs.stream().filter(g -> view.containsGraph(NodeFactory.createURI(g))).toList();
  }

  private static void audit(
      Actor actor, String text, SparqlOutcome<SparqlResponse> outcome, long started) {
    if (!AUDIT.isInfoEnabled()) {
      return;
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    AUDIT.info(
        // the subject identifies the caller; the username may be personal data (ASVS V16)
        "subject={} organisation={} roles={} query=sha256:{} outcome={} results={} ms={}",
        actor.subject(),
        actor.organisation().orElse("-"),
        actor.roles(),
        sha256(text),
        outcome.ok() ? "OK" : outcome.problem().kind(),
        outcome.ok() ? outcome.value().results() : 0,
        ms);
  }

  static String sha256(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : hash) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
