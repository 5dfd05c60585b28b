package org.datasharing.registry.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jepsen-style kill loop: the registry runs as a child process on TDB2; three clients send drafts,
 * edits, submissions, decisions and imports with tokens of five users; at a random moment the
 * harness kills the process with SIGKILL, checks the data folder and restarts on it. After every
 * kill: every acknowledged (2xx) change is in the store, nothing is half-written (each agreement's
 * changes and events match, each import is whole or absent), the audit log verifies, each
 * submission and decision has its outbox notification, and after the restart the search index
 * agrees with the store.
 *
 * <p>CI runs 25 iterations; {@code -Dreliability.crash.iterations=1000} is the long run (see
 * docs/reliability.md). The issuer is the real Keycloak ({@link SharedKeycloak}, started once and
 * kept across the registry's restarts): the clients send its password-grant tokens of the sample
 * users.
 */
class CrashRecoveryIntegrationTest {
  static final int ITERATIONS = Integer.getInteger("reliability.crash.iterations", 25);
  static final long SEED = Long.getLong("reliability.crash.seed", System.nanoTime());

  @TempDir Path dir;

  @Test
  void afterEverySigkill_acknowledgedChangesSurvive_andNothingIsHalfWritten() throws Exception {
    Random random = new Random(SEED);
    Path data = dir.resolve("tdb2");
    ChildRegistry child =
        new ChildRegistry(data, dir.resolve("registry.log"), SharedKeycloak.issuerUri(), List.of());
    Workload w = new Workload(SampleUser::keycloakToken);
    List<String> problems = new ArrayList<>();
    List<Long> startups = new ArrayList<>();
    AtomicInteger counter = new AtomicInteger();
    long expectedDatasets = -1;
    List<String> lastImports = new ArrayList<>();
    long events = 0;
    long started = System.nanoTime();
    for (int i = 0; i <= ITERATIONS; i++) {
      startups.add(child.start());
      w.target(child.base());
      if (expectedDatasets >= 0) {
        problems.addAll(searchAgrees(w, expectedDatasets, lastImports, i));
      }
      if (i == ITERATIONS) {
        child.stop();
        break;
      }
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(3);
      int iteration = i;
      for (int c = 0; c < 2; c++) {
        int client = c;
        clients.submit(
            () -> {
              while (running.get()) {
                w.agreement(
                    "dsa-crash-" + iteration + "-" + client + "-" + counter.incrementAndGet());
              }
            });
      }
      clients.submit(
          () -> {
            while (running.get()) {
              w.importPair("crash-" + iteration + "-" + counter.incrementAndGet());
            }
          });
      // a random moment while writes are flowing: after a random number of acknowledged
      // writes (none to a dozen), then a random few milliseconds into the next ones
      long target = w.acks.get() + random.nextInt(13);
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (w.acks.get() < target && System.nanoTime() < waitUntil) {
        Thread.sleep(5);
      }
      Thread.sleep(random.nextInt(300));
      child.kill();
      running.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      StoreChecks.Report report = StoreChecks.check(data, w);
      report.problems().forEach(p -> problems.add("iteration " + iteration + ": " + p));
      expectedDatasets = report.datasets();
      events = report.events();
      lastImports =
          w.imports.keySet().stream()
              .filter(k -> k.startsWith("crash-" + iteration + "-"))
              .toList();
    }
    long took = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "crash: %d kills, %d requests, %d acknowledged, %d 5xx, %d audit events, %d ms (seed"
            + " %d); start-up ms min %d median %d max %d%n",
        ITERATIONS,
        w.requests.get(),
        w.acks.get(),
        w.unexpected.get(),
        events,
        took,
        SEED,
        startups.stream().mapToLong(Long::longValue).min().orElse(0),
        startups.stream().sorted().toList().get(startups.size() / 2),
        startups.stream().mapToLong(Long::longValue).max().orElse(0));
    assertThat(problems).as("seed %d", SEED).isEmpty();
    assertThat(w.unexpected.get()).as("5xx answers: %s", w.surprises).isZero();
    assertThat(w.acks.get()).as("the workload made progress").isPositive();
  }

  /** After the restart the index agrees with the store: the same count, each new import found. */
  private static List<String> searchAgrees(
      Workload w, long expected, List<String> imports, int iteration) throws Exception {
    List<String> problems = new ArrayList<>();
    Workload.Answer all = w.send(SampleUser.AUDITOR, "GET", "/api/datasets?size=1", null, null);
    long total = all.body().get("total").asLong();
    if (total != expected) {
      problems.add(
          "iteration " + iteration + ": search counts " + total + ", the store has " + expected);
    }
    for (String imp : imports) {
      for (String d : w.imports.get(imp)) {
        String q =
            URLEncoder.encode(
                "\"Crash harness " + d.replace('-', 'x') + "\"", StandardCharsets.UTF_8);
        Workload.Answer found =
            w.send(SampleUser.AUDITOR, "GET", "/api/datasets?q=" + q, null, null);
        boolean indexed = found.body().get("total").asLong() > 0;
        boolean stored = w.importsAcknowledged.containsKey(imp);
        if (stored && !indexed) {
          problems.add("iteration " + iteration + ": acknowledged " + d + " not found by search");
        }
      }
    }
    return problems;
  }
}
