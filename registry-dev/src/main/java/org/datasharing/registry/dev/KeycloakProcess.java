package org.datasharing.registry.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Keycloak started by the {@link KeycloakDevService}: {@code kc.sh start-dev} as a child
 * process with an in-memory database and the realm file imported, its console in a log file beside
 * the distribution and its transaction log in a folder of its own; {@link #stop()} ends the process
 * tree and removes that folder.
 */
final class KeycloakProcess {
  static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** The dev service's own logger: these are its messages. */
  private static final Logger log = LoggerFactory.getLogger(KeycloakDevService.class);

  private final Process process;
  private final Path logFile;
  private final Path transactionLogs;
  private final Duration startTime;

  private KeycloakProcess(Process process, Path logFile, Path transactionLogs, Duration startTime) {
    this.process = process;
    this.logFile = logFile;
    this.transactionLogs = transactionLogs;
    this.startTime = startTime;
  }

  /** The start script in the distribution at {@code home}. */
  static Path script(Path home) {
    return home.resolve(isWindows() ? "bin/kc.bat" : "bin/kc.sh");
  }

  /**
   * Starts Keycloak from {@code home} (its start script {@code kc}) on {@code port}, importing
   * {@code realmFile} and the themes beside it, and waits up to {@code timeout} for the realm's
   * discovery document.
   *
   * @throws IllegalStateException if it does not become ready (the message holds the log's tail);
   *     the process is stopped then
   */
  static KeycloakProcess launch(Path home, Path kc, int port, Path realmFile, Duration timeout)
      throws IOException {
    Path importDir = Files.createDirectories(home.resolve("data/import"));
    Files.copy(
        realmFile, importDir.resolve("realm-registry.json"), StandardCopyOption.REPLACE_EXISTING);
    KeycloakDevService.copyThemes(realmFile.getParent().resolve("themes"), home.resolve("themes"));
    Path logFile = home.getParent().resolve("keycloak-" + port + ".log");
    // the transaction manager's object store is the only file Keycloak writes with --db=dev-mem:
    // one per instance, so concurrent instances from the same folder never share it
    Path transactionLogs = home.resolve("data/transaction-logs-" + port);

    List<String> command = new ArrayList<>();
    if (!isWindows() && !Files.isExecutable(kc)) {
      command.add("sh");
    }
    command.add(kc.toString());
    command.add("start-dev");
    command.add("--http-port=" + port);
    command.add("--import-realm");
    // in memory: a fresh import on every start, and no database file shared between instances
    command.add("--db=dev-mem");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
    Map<String, String> env = builder.environment();
    // development only: the master realm's administrator for the admin console
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakDevService.ADMIN_USERNAME);
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakDevService.ADMIN_PASSWORD);
    env.remove("JAVA_OPTS"); // a developer's JAVA_OPTS would replace kc.sh's defaults
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    env.put(
        "JAVA_OPTS_APPEND",
        "-Dquarkus.transaction-manager.object-store.directory=" + transactionLogs);
    // run on the same Java as the registry unless the developer chose one for Keycloak
    env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));

    log.info(
        "Starting Keycloak {} on port {} from {} (first start after a clean build ~1 min, later ~20 s);"
            + " log: {}",
        KeycloakDevService.VERSION,
        port,
        home,
        logFile);
    long started = System.nanoTime();
    Process process = builder.start();
    String discovery = "http://localhost:" + port + "/realms/" + KeycloakDevService.REALM;
    boolean ready = false;
    try {
      waitUntilReady(process, discovery + "/.well-known/openid-configuration", timeout, logFile);
      ready = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting Keycloak", e);
    } finally {
      if (!ready) {
        stop(process);
        deleteQuietly(transactionLogs);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    log.info(
        "Keycloak {} ready at http://localhost:{} in {} s (pid {})",
        KeycloakDevService.VERSION,
        port,
        took.toMillis() / 1000.0,
        process.pid());
    return new KeycloakProcess(process, logFile, transactionLogs, took);
  }

  private static void waitUntilReady(Process process, String url, Duration timeout, Path logFile)
      throws IOException, InterruptedException {
    HttpClient client = client();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw failure("Keycloak exited with code " + process.exitValue(), logFile);
      }
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw failure(
            "Keycloak did not answer " + url + " within " + timeout.toSeconds() + " s", logFile);
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  /** The HTTP client the dev service asks Keycloak with. */
  static HttpClient client() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(2))
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  private static IllegalStateException failure(String message, Path logFile) {
    return new IllegalStateException(
        message
            + (logFile == null ? "" : "; last lines of " + logFile + ":\n" + tail(logFile, 40)));
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read the log: " + e.getMessage() + ")";
    }
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return logFile;
  }

  Duration startTime() {
    return startTime;
  }

  /** Stops Keycloak and everything it started, then removes its transaction log. */
  void stop() {
    stop(process);
    deleteQuietly(transactionLogs);
  }

  /** Stops the process and everything it started: TERM first, then KILL after a grace period. */
  private static void stop(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (ProcessHandle handle : tree) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception notYet) {
        handle.destroyForcibly();
      }
    }
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // only a few bytes in target/
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
  }
}
