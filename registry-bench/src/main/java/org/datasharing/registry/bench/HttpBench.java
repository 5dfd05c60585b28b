package org.datasharing.registry.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * HTTP load with real tokens: Keycloak (the distribution the registry-web build unpacks) and the
 * registry-web application (its Boot jar, on TDB2 with the sample data) each started here as a
 * separate process on a free port; tokens from the password grant of the {@code registry-cli}
 * client; decisions ({@code POST /api/agreements/{id}/decisions}) and searches ({@code GET
 * /api/datasets?q=&theme=}) at 1, 8 and 32 clients with {@link HttpClient}. Needs {@code mvn -pl
 * registry-web -am -DskipTests package} first; skipped with a message when the jar or the
 * distribution is missing.
 */
final class HttpBench {
  private static final String REALM = "registry";
  private static final String ICB = "northshire-integrated-care-board";
  private static final String COUNCIL = "northshire-county-council";
  private static final String TRUST = "northshire-nhs-foundation-trust";
  private static final List<Integer> CLIENTS = List.of(1, 8, 32);
  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern FIRST_DATASET =
      Pattern.compile("\"dataset\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");

  private final Results results;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<Process> started = new ArrayList<>();
  private String issuer;

  /** The registry instances the load goes to, one request after the other (a round robin). */
  private final List<String> registries = new ArrayList<>();

  private final java.util.concurrent.atomic.AtomicLong nextInstance =
      new java.util.concurrent.atomic.AtomicLong();

  /** Per row name of the embedded arm, its requests per second: the remote rows' baseline. */
  private final Map<String, Double> embedded = new java.util.HashMap<>();

  HttpBench(Results results) {
    this.results = results;
  }

  void run(Path work, int requestsPerLevel) throws Exception {
    run(work, requestsPerLevel, false);
  }

  /**
   * With {@code remote}, after the embedded arms: Apache Jena Fuseki ({@code
   * registry-web/target/fuseki/jena-fuseki-server.jar}, which the registry-web build copies, with
   * {@code docker/fuseki/config.ttl}) as a process, then the same load through one registry
   * instance on it ({@code registry.store.mode=remote}), then through two instances on the same
   * Fuseki with the requests spread over both, each row with the embedded arm's figure as its
   * baseline and the ratio to it.
   */
  void run(Path work, int requestsPerLevel, boolean remote) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    if (root.getFileName().toString().equals("registry-bench")) {
      root = root.getParent();
    }
    Optional<Path> jar = find(root.resolve("registry-web/target"), "registry-web-", ".jar");
    Optional<Path> keycloak = find(root.resolve("registry-web/target/keycloak"), "keycloak-", "");
    if (jar.isEmpty() || keycloak.isEmpty()) {
      System.out.println(
          "HTTP load skipped: build registry-web first (mvn -pl registry-web -am -DskipTests package)");
      return;
    }
    try {
      startKeycloak(keycloak.get(), root.resolve("docker/keycloak/realm-registry.json"), work);
      Process embeddedRegistry =
          startRegistry(
              jar.get(),
              work,
              "embedded",
              List.of("--registry.store.data-dir=" + work.resolve("http-registry-tdb2")));
      decisions("", requestsPerLevel);
      searches("", requestsPerLevel);
      if (!remote) {
        return;
      }
      // the embedded instance stops, so the remote arms have the machine as it had
      stop(embeddedRegistry);
      registries.clear();
      Path fusekiJar = root.resolve("registry-web/target/fuseki/jena-fuseki-server.jar");
      if (!Files.isRegularFile(fusekiJar)) {
        System.out.println("remote arms skipped: no " + fusekiJar + " (build registry-web first)");
        return;
      }
      String dataset = startFuseki(fusekiJar, root.resolve("docker/fuseki/config.ttl"), work);
      // in remote mode the data folder holds only the audit signing key: one for both instances
      List<String> remoteArgs =
          List.of(
              "--registry.store.mode=remote",
              "--registry.store.remote-url=" + dataset,
              "--registry.store.data-dir=" + work.resolve("http-remote-shared"));
      startRegistry(jar.get(), work, "remote-a", remoteArgs);
      decisions("remote, 1 instance, ", requestsPerLevel);
      searches("remote, 1 instance, ", requestsPerLevel);
      startRegistry(jar.get(), work, "remote-b", remoteArgs);
      decisions("remote, 2 instances, ", requestsPerLevel);
      searches("remote, 2 instances, ", requestsPerLevel);
    } finally {
      for (Process p : started) {
        // kc.sh runs Keycloak's JVM as its child
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  // ------------------------------------------------------------------ processes

  private void startKeycloak(Path home, Path realm, Path work) throws Exception {
    int port = freePort();
    Path importDir = Files.createDirectories(home.resolve("data/import"));
    Files.copy(
        realm,
        importDir.resolve("realm-registry.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ProcessBuilder b =
        new ProcessBuilder(
                "sh",
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--import-realm",
                "--db=dev-mem")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("keycloak.log").toFile());
    b.environment().remove("JAVA_OPTS");
    b.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    b.environment()
        .put(
            "JAVA_OPTS_APPEND",
            "-Dquarkus.transaction-manager.object-store.directory="
                + work.resolve("keycloak-tx-" + port));
    b.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
    started.add(b.start());
    issuer = "http://localhost:" + port + "/realms/" + REALM;
    waitFor(issuer + "/.well-known/openid-configuration", Duration.ofMinutes(4));
  }

  private Process startRegistry(Path jar, Path work, String name, List<String> storeArgs)
      throws Exception {
    int port = freePort();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                "--registry.keycloak.dev-service=false"));
    cmd.addAll(storeArgs);
    ProcessBuilder b =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("registry-web-" + name + ".log").toFile());
    Process p = b.start();
    started.add(p);
    String registry = "http://localhost:" + port;
    waitFor(registry + "/actuator/health", Duration.ofMinutes(3));
    registries.add(registry);
    return p;
  }

  /** Fuseki with the deployment's configuration, its databases under the work folder. */
  private String startFuseki(Path jar, Path deploymentConfig, Path work) throws Exception {
    int port = freePort();
    Path dir = Files.createDirectories(work.resolve("fuseki"));
    Path config = dir.resolve("config.ttl");
    Files.writeString(
        config,
        Files.readString(deploymentConfig)
            .replace("/fuseki/databases/", dir.toAbsolutePath() + "/databases/"));
    ProcessBuilder b =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--config=" + config,
                "--port=" + port)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("fuseki.log").toFile());
    started.add(b.start());
    String dataset = "http://localhost:" + port + "/registry";
    waitFor(dataset + "/query?query=ASK%7B%7D", Duration.ofMinutes(3));
    return dataset;
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }

  private void waitFor(String url, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process p : started) {
        if (!p.isAlive() && p.exitValue() != 143 && p.exitValue() != 0) {
          throw new IllegalStateException("a process exited while waiting for " + url);
        }
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), discard()).statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(url + " did not answer within " + timeout);
  }

  // ------------------------------------------------------------------ load

  private void decisions(String arm, int perLevel) throws Exception {
    String partner = token("partner.icb");
    String councilDpo = token("dpo.council");
    String trustDpo = token("dpo.trust");
    String dataset = firstDataset(partner);
    List<String> ids = new ArrayList<>();
    java.util.Map<String, String> hashes = new java.util.HashMap<>();
    for (int i = 0; i < perLevel * CLIENTS.size(); i++) {
      String id = "http-" + (arm.isEmpty() ? "" : registries.size() + "-") + i;
      // the ICB drafts with its own answers; the council's and the trust's DPOs give theirs
      expect(201, send(partner, "POST", "/api/agreements", agreement(id, dataset, List.of(ICB))));
      expect(
          200,
          send(
              councilDpo,
              "PUT",
              "/api/agreements/" + id,
              agreement(null, dataset, List.of(ICB, COUNCIL))));
      expect(
          200,
          send(
              trustDpo,
              "PUT",
              "/api/agreements/" + id,
              agreement(null, dataset, List.of(ICB, COUNCIL, TRUST))));
      HttpResponse<String> submitted =
          send(partner, "POST", "/api/agreements/" + id + "/submit", null);
      expect(200, submitted);
      // a decision names the hash of the text the DPO read: version 1's, from the answer
      Matcher hash = CONTENT_HASH.matcher(submitted.body());
      if (!hash.find()) {
        throw new IllegalStateException("no content hash in " + submitted.body());
      }
      hashes.put(id, hash.group(1));
      ids.add(id);
    }
    int next = 0;
    for (int clients : CLIENTS) {
      String dpo = token("dpo.council");
      List<String> mine = ids.subList(next, next + perLevel);
      next += perLevel;
      Arm run = new Arm();
      run.round(
          mine.size(),
          clients,
          i ->
              expect(
                  201,
                  send(
                      dpo,
                      "POST",
                      "/api/agreements/" + mine.get(i) + "/decisions",
                      "{\"version\":1,\"contentHash\":\""
                          + hashes.get(mine.get(i))
                          + "\",\"outcome\":\"approve\"}")));
      add("http decide, " + arm + clients(clients) + " (req/s)", clients, run, "POST decisions");
    }
  }

  private void searches(String arm, int perLevel) throws Exception {
    List<String> queries = List.of("hospital", "referrals", "safeguarding", "housing");
    for (int clients : CLIENTS) {
      String partner = token("partner.council");
      Arm run = new Arm();
      run.round(
          perLevel,
          clients,
          i ->
              expect(
                  200,
                  send(
                      partner,
                      "GET",
                      "/api/datasets?q="
                          + URLEncoder.encode(
                              queries.get(i % queries.size()), StandardCharsets.UTF_8)
                          + (i % 2 == 0 ? "&theme=health-and-care" : ""),
                      null)));
      add("http search, " + arm + clients(clients) + " (req/s)", clients, run, "GET /api/datasets");
    }
  }

  private static String clients(int n) {
    return n == 1 ? "1 client" : n + " clients";
  }

  /**
   * One row; the embedded arm's rows are the baseline of the remote arms' rows with the same number
   * of clients (the ratio is remote over embedded: below 1 is slower).
   */
  private void add(String name, int clients, Arm arm, String what) {
    String kind = name.startsWith("http decide") ? "decide" : "search";
    String key = kind + "/" + clients;
    double perSecond = arm.perSecond();
    boolean remote = name.contains("remote");
    if (!remote) {
      embedded.put(key, perSecond);
    }
    double baseline = remote ? embedded.getOrDefault(key, Double.NaN) : Double.NaN;
    results.add(
        new Results.Row(
            name,
            "http",
            perSecond,
            baseline,
            "req/s",
            remote ? perSecond / baseline : Double.NaN,
            arm.percentile(50),
            arm.percentile(95),
            arm.percentile(99),
            Results.heapMb(),
            Results.rssMb(),
            what
                + " with a real JWT"
                + (name.startsWith("http decide") ? " (dpo.council)" : " (partner.council)")
                + "; registry-web and Keycloak in their own processes on this machine; sample data"
                + " (48 datasets); "
                + (remote
                    ? "store: Fuseki (TDB2) in its own process, "
                        + registries.size()
                        + " registry instance(s) taking the requests in turn; baseline = the"
                        + " embedded arm of this run"
                    : "store: embedded TDB2")));
  }

  // ------------------------------------------------------------------ HTTP

  private String token(String user) throws Exception {
    String form =
        "grant_type=password&client_id=registry-cli&username="
            + user
            + "&password=demo&scope="
            + URLEncoder.encode("openid organization", StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = ACCESS_TOKEN.matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("no token for " + user + ": " + r.statusCode());
    }
    return m.group(1);
  }

  /** The first version's content hash in an agreement's JSON (its versions list it first). */
  private static final java.util.regex.Pattern CONTENT_HASH =
      java.util.regex.Pattern.compile("\"contentHash\":\"([0-9a-f]{64})\"");

  /** The first dataset the search lists, and the data items it holds (an agreement shares some). */
  private String firstDataset(String token) throws Exception {
    HttpResponse<String> r = send(token, "GET", "/api/datasets", null);
    Matcher m = FIRST_DATASET.matcher(r.body());
    if (!m.find()) {
      throw new IllegalStateException("no dataset in " + r.body());
    }
    Matcher items = DATA_ITEMS.matcher(r.body());
    if (!items.find(m.end())) {
      throw new IllegalStateException("no data items in " + r.body());
    }
    dataItems = new ArrayList<>();
    Matcher item = QUOTED.matcher(items.group(1));
    while (item.find() && dataItems.size() < 3) {
      dataItems.add(item.group(1));
    }
    return m.group(1);
  }

  private static final Pattern DATA_ITEMS =
      Pattern.compile("\"dataItems\"\\s*:\\s*\\[([^\\]]*)\\]");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

  /** Data items of the dataset the agreements share. */
  private List<String> dataItems = List.of();

  private HttpResponse<String> send(String token, String method, String path, String json) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(nextRegistry() + path))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  json == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The instances in turn, as a round-robin load balancer would. */
  private String nextRegistry() {
    return registries.get((int) (nextInstance.getAndIncrement() % registries.size()));
  }

  private static void expect(int status, HttpResponse<String> r) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          r.request().method() + " " + r.uri() + ": " + r.statusCode() + " " + r.body());
    }
  }

  /**
   * The agreement the API flow test drafts, between the ICB, the council and the trust, with the
   * answers of the parties in {@code answered} (each party answers for itself); without an id for
   * an edit.
   */
  private String agreement(String id, String dataset, List<String> answered) {
    Map<String, Object> f =
        new java.util.LinkedHashMap<>(BenchAgreement.content(List.of(), dataset).fields());
    f.put("dataItems", dataItems);
    // health data, with each party's Article 9 condition, so any sample dataset fits
    f.put("personalDataCategories", List.of("health"));
    f.put("dataSubjectCategories", List.of("patients"));
    f.put("specialCategoryData", true);
    StringBuilder fields = new StringBuilder();
    f.forEach(
        (k, v) -> {
          if (fields.length() > 0) {
            fields.append(',');
          }
          fields.append('"').append(k).append("\":").append(jsonValue(v));
        });
    StringBuilder parties = new StringBuilder();
    for (String org : List.of(ICB, COUNCIL, TRUST)) {
      if (parties.length() > 0) {
        parties.append(',');
      }
      if (!answered.contains(org)) {
        parties.append(String.format("{\"organisation\":\"%s\",\"role\":\"controller\"}", org));
        continue;
      }
      parties.append(
          String.format(
              "{\"organisation\":\"%s\",\"role\":\"controller\",\"lawfulBasis\":\"public-task\","
                  + "\"statutoryPower\":\"NHS Act 2006 s.82; Care Act 2014 s.6\","
                  + "\"contactName\":\"IG lead\",\"contactEmail\":\"ig@%s.example\","
                  + "\"specialCategoryCondition\":\"health-or-social-care\","
                  + "\"schedule1Condition\":\"health-or-social-care-purposes\","
                  + "\"confidentialityBasis\":\"implied-consent-individual-care\","
                  + "\"nationalDataOptOut\":false,\"nationalDataOptOutReason\":\"Shared for"
                  + " individual care: the national data opt-out does not apply.\"}",
              org, org));
    }
    return "{"
        + (id == null ? "" : "\"id\":\"" + id + "\",")
        + "\"fields\":{"
        + fields
        + "},\"parties\":["
        + parties
        + "]}";
  }

  private static String jsonValue(Object v) {
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof List<?> l) {
      return "[" + String.join(",", l.stream().map(x -> "\"" + x + "\"").toList()) + "]";
    }
    return "\"" + v.toString().replace("\"", "\\\"") + "\"";
  }

  private static Optional<Path> find(Path dir, String prefix, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix)
                    && n.endsWith(suffix)
                    && !n.endsWith(".log")
                    && !n.contains("sources")
                    && (suffix.isEmpty() ? Files.isDirectory(p) : true);
              })
          .findFirst();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static HttpResponse.BodyHandler<Void> discard() {
    return HttpResponse.BodyHandlers.discarding();
  }
}
