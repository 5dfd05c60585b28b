package org.datasharing.registry.bench;

import java.net.URLEncoder;
import java.net.http.HttpClient;
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
  private static final Pattern FIRST_DATASET =
      Pattern.compile("\"dataset\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");

  private final Results results;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** The API of the instances running, once Keycloak has started. */
  private ApiClient api;

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
    Optional<Path> jar =
        ServerProcesses.find(root.resolve("registry-web/target"), "registry-web-", ".jar");
    Optional<Path> keycloak =
        ServerProcesses.find(root.resolve("registry-web/target/keycloak"), "keycloak-", "");
    if (jar.isEmpty() || keycloak.isEmpty()) {
      System.out.println(
          "HTTP load skipped: build registry-web first (mvn -pl registry-web -am -DskipTests package)");
      return;
    }
    try (ServerProcesses servers = new ServerProcesses(http, work)) {
      String issuer =
          servers.startKeycloak(
              keycloak.get(), root.resolve("docker/keycloak/realm-registry.json"), REALM);
      api = new ApiClient(http, issuer);
      ServerProcesses.Registry embeddedRegistry =
          servers.startRegistry(
              jar.get(),
              "embedded",
              issuer,
              List.of("--registry.store.data-dir=" + work.resolve("http-registry-tdb2")));
      api.addInstance(embeddedRegistry.url());
      decisions("", requestsPerLevel);
      searches("", requestsPerLevel);
      if (!remote) {
        return;
      }
      // the embedded instance stops, so the remote arms have the machine as it had
      ServerProcesses.stop(embeddedRegistry.process());
      api.clearInstances();
      Path fusekiJar = root.resolve("registry-web/target/fuseki/jena-fuseki-server.jar");
      if (!Files.isRegularFile(fusekiJar)) {
        System.out.println("remote arms skipped: no " + fusekiJar + " (build registry-web first)");
        return;
      }
      String dataset = servers.startFuseki(fusekiJar, root.resolve("docker/fuseki/config.ttl"));
      // in remote mode the data folder holds only the audit signing key: one for both instances
      List<String> remoteArgs =
          List.of(
              "--registry.store.mode=remote",
              "--registry.store.remote-url=" + dataset,
              "--registry.store.data-dir=" + work.resolve("http-remote-shared"));
      api.addInstance(servers.startRegistry(jar.get(), "remote-a", issuer, remoteArgs).url());
      decisions("remote, 1 instance, ", requestsPerLevel);
      searches("remote, 1 instance, ", requestsPerLevel);
      api.addInstance(servers.startRegistry(jar.get(), "remote-b", issuer, remoteArgs).url());
      decisions("remote, 2 instances, ", requestsPerLevel);
      searches("remote, 2 instances, ", requestsPerLevel);
    }
  }

  // ------------------------------------------------------------------ load

  private void decisions(String arm, int perLevel) throws Exception {
    String partner = api.token("partner.icb");
    String councilDpo = api.token("dpo.council");
    String trustDpo = api.token("dpo.trust");
    String dataset = firstDataset(partner);
    List<String> ids = new ArrayList<>();
    java.util.Map<String, String> hashes = new java.util.HashMap<>();
    for (int i = 0; i < perLevel * CLIENTS.size(); i++) {
      String id = "http-" + (arm.isEmpty() ? "" : api.instances() + "-") + i;
      // the ICB drafts with its own answers; the council's and the trust's DPOs give theirs
      ApiClient.expect(
          201, api.send(partner, "POST", "/api/agreements", agreement(id, dataset, List.of(ICB))));
      ApiClient.expect(
          200,
          api.send(
              councilDpo,
              "PUT",
              "/api/agreements/" + id,
              agreement(null, dataset, List.of(ICB, COUNCIL))));
      ApiClient.expect(
          200,
          api.send(
              trustDpo,
              "PUT",
              "/api/agreements/" + id,
              agreement(null, dataset, List.of(ICB, COUNCIL, TRUST))));
      HttpResponse<String> submitted =
          api.send(partner, "POST", "/api/agreements/" + id + "/submit", null);
      ApiClient.expect(200, submitted);
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
      String dpo = api.token("dpo.council");
      List<String> mine = ids.subList(next, next + perLevel);
      next += perLevel;
      Arm run = new Arm();
      run.round(
          mine.size(),
          clients,
          i ->
              ApiClient.expect(
                  201,
                  api.send(
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
      String partner = api.token("partner.council");
      Arm run = new Arm();
      run.round(
          perLevel,
          clients,
          i ->
              ApiClient.expect(
                  200,
                  api.send(
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
                        + api.instances()
                        + " registry instance(s) taking the requests in turn; baseline = the"
                        + " embedded arm of this run"
                    : "store: embedded TDB2")));
  }

  /** The first version's content hash in an agreement's JSON (its versions list it first). */
  private static final Pattern CONTENT_HASH = Pattern.compile("\"contentHash\":\"([0-9a-f]{64})\"");

  /** The first dataset the search lists, and the data items it holds (an agreement shares some). */
  private String firstDataset(String token) throws Exception {
    HttpResponse<String> r = api.send(token, "GET", "/api/datasets", null);
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
}
