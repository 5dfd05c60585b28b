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
  private String registry;

  HttpBench(Results results) {
    this.results = results;
  }

  void run(Path work, int requestsPerLevel) throws Exception {
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
      startRegistry(jar.get(), work);
      decisions(requestsPerLevel);
      searches(requestsPerLevel);
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

  private void startRegistry(Path jar, Path work) throws Exception {
    int port = freePort();
    ProcessBuilder b =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                "--registry.keycloak.dev-service=false",
                "--registry.store.data-dir=" + work.resolve("http-registry-tdb2"))
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("registry-web.log").toFile());
    started.add(b.start());
    registry = "http://localhost:" + port;
    waitFor(registry + "/actuator/health", Duration.ofMinutes(3));
  }

  private void waitFor(String url, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process p : started) {
        if (!p.isAlive()) {
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

  private void decisions(int perLevel) throws Exception {
    String partner = token("partner.icb");
    String councilDpo = token("dpo.council");
    String trustDpo = token("dpo.trust");
    String dataset = firstDataset(partner);
    List<String> ids = new ArrayList<>();
    java.util.Map<String, String> hashes = new java.util.HashMap<>();
    for (int i = 0; i < perLevel * CLIENTS.size(); i++) {
      String id = "http-" + i;
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
      Arm arm = new Arm();
      arm.round(
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
      add("http decide, " + clients(clients) + " (req/s)", arm, "POST decisions, dpo.council");
    }
  }

  private void searches(int perLevel) throws Exception {
    List<String> queries = List.of("hospital", "referrals", "safeguarding", "housing");
    for (int clients : CLIENTS) {
      String partner = token("partner.council");
      Arm arm = new Arm();
      arm.round(
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
      add("http search, " + clients(clients) + " (req/s)", arm, "GET /api/datasets?q=&theme=");
    }
  }

  private static String clients(int n) {
    return n == 1 ? "1 client" : n + " clients";
  }

  private void add(String name, Arm arm, String what) {
    results.add(
        new Results.Row(
            name,
            "http",
            arm.perSecond(),
            Double.NaN,
            "req/s",
            Double.NaN,
            arm.percentile(50),
            arm.percentile(95),
            arm.percentile(99),
            Results.heapMb(),
            Results.rssMb(),
            what
                + " with a real JWT; registry-web and Keycloak in their own processes on this"
                + " machine; sample data (48 datasets), TDB2"));
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

  private String firstDataset(String token) throws Exception {
    HttpResponse<String> r = send(token, "GET", "/api/datasets", null);
    Matcher m = FIRST_DATASET.matcher(r.body());
    if (!m.find()) {
      throw new IllegalStateException("no dataset in " + r.body());
    }
    return m.group(1);
  }

  private HttpResponse<String> send(String token, String method, String path, String json) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(registry + path))
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
  private static String agreement(String id, String dataset, List<String> answered) {
    Map<String, Object> f =
        new java.util.LinkedHashMap<>(BenchMain.content(List.of(), dataset).fields());
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
                  + "\"schedule1Condition\":\"health-or-social-care-purposes\"}",
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
