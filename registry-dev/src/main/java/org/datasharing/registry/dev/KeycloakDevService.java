package org.datasharing.registry.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Keycloak for development and tests: the official distribution from Maven Central ({@code
 * org.keycloak:keycloak-quarkus-dist}, unpacked by the registry-web build into {@code
 * registry-web/target/keycloak}) run as a child process in {@code start-dev} mode with an in-memory
 * database, the {@code registry} realm imported from {@code docker/keycloak/realm-registry.json}.
 *
 * <p>{@link #start(int)} returns once the realm's discovery document answers; {@link #close()} (or
 * the JVM shutdown hook this registers) stops the process tree. If the fixed port already serves
 * the {@code registry} realm (for example a Keycloak left behind by a killed run), it is reused and
 * left running on close.
 *
 * <p>Development only: the master realm's administrator is {@code admin} / {@code admin} and the
 * realm's users, passwords and client secrets are published in the realm file.
 */
public final class KeycloakDevService implements AutoCloseable {

  /** The Keycloak version the build unpacks (the parent pom's {@code keycloak.version}). */
  public static final String VERSION = "26.7.3";

  /** The realm the registry uses. */
  public static final String REALM = "registry";

  /** Keycloak's port for the run command (README, Quick start: http://localhost:8180). */
  public static final int DEFAULT_PORT = 8180;

  /** The master realm's administrator (admin console), development only. */
  public static final String ADMIN_USERNAME = "admin";

  public static final String ADMIN_PASSWORD = "admin";

  /**
   * The secret of the confidential {@code registry-web} client (the pages' sign-in) in the sample
   * realm file: published, for development only, and so never in the registry-web jar.
   */
  public static final String WEB_CLIENT_SECRET = "registry-web-dev-secret";

  /** The secret of the {@code registry-admin-api} client (onboarding) in the sample realm file. */
  public static final String ADMIN_API_CLIENT_SECRET = "registry-admin-api-dev-secret";

  /** System property and environment variable overriding where the distribution is. */
  public static final String HOME_PROPERTY = "registry.keycloak.home";

  public static final String HOME_ENV = "REGISTRY_KEYCLOAK_HOME";

  static final String REALM_FILE = "docker/keycloak/realm-registry.json";

  /**
   * How long to wait for Keycloak to answer: 180 s, or the system property {@code
   * registry.keycloak.start-timeout-seconds} on a machine so busy that a start takes longer.
   */
  static final Duration DEFAULT_TIMEOUT =
      Duration.ofSeconds(Long.getLong("registry.keycloak.start-timeout-seconds", 180));

  private static final Logger log = LoggerFactory.getLogger(KeycloakDevService.class);

  /** Serialises starts inside this JVM; the file lock serialises them across JVMs. */
  private static final Object START_MONITOR = new Object();

  private final int port;

  /** The Keycloak this service started; null if it reused a running one. */
  private final KeycloakProcess process;

  private final Thread shutdownHook;
  private boolean closed;

  private KeycloakDevService(int port, KeycloakProcess process) {
    this.port = port;
    this.process = process;
    if (process != null) {
      this.shutdownHook = new Thread(this::close, "keycloak-dev-service-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      this.shutdownHook = null;
    }
  }

  /**
   * Starts Keycloak on {@code port} (0 picks a free port) from the default distribution and realm
   * file; see {@link #findHome()} and {@link #findRealmFile(Path)}.
   */
  public static KeycloakDevService start(int port) {
    Path home = findHome();
    return start(home, port, findRealmFile(home), DEFAULT_TIMEOUT);
  }

  /**
   * Starts Keycloak from the distribution in {@code home} on {@code port} (0 picks a free port),
   * importing {@code realmFile}, and waits up to {@code timeout} for the realm to answer.
   *
   * @throws IllegalStateException if it does not become ready (the message holds the log's tail)
   */
  public static KeycloakDevService start(Path home, int port, Path realmFile, Duration timeout) {
    Path kc = KeycloakProcess.script(home);
    if (!Files.isRegularFile(kc)) {
      throw new IllegalStateException(
          "No Keycloak distribution at " + home.toAbsolutePath() + " (" + kc + " is missing)");
    }
    if (!Files.isRegularFile(realmFile)) {
      throw new IllegalStateException("No realm file at " + realmFile.toAbsolutePath());
    }
    synchronized (START_MONITOR) {
      try {
        Path data = Files.createDirectories(home.resolve("data"));
        try (FileChannel channel =
                FileChannel.open(
                    data.resolve(".dev-service.lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = lock(channel)) {
          // Held until this Keycloak is ready: the first start rebuilds the distribution in place,
          // and every start reads data/import, so two JVMs (the run command and a test run) must
          // not start from the same folder at the same time.
          int actualPort = port == 0 ? freePort() : port;
          if (port != 0) {
            Optional<KeycloakDevService> running = reuseRunning(actualPort);
            if (running.isPresent()) {
              return running.get();
            }
          }
          return new KeycloakDevService(
              actualPort,
              KeycloakProcess.launch(
                  home.toAbsolutePath(), kc.toAbsolutePath(), actualPort, realmFile, timeout));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start Keycloak from " + home, e);
      }
    }
  }

  private static FileLock lock(FileChannel channel) throws IOException {
    FileLock lock = channel.tryLock();
    if (lock == null) {
      log.info("Another process is starting a Keycloak from the same folder: waiting for it");
      lock = channel.lock();
    }
    return lock;
  }

  /** A Keycloak already serving the realm on the port, or empty if the port is free. */
  private static Optional<KeycloakDevService> reuseRunning(int port) {
    String issuer = "http://localhost:" + port + "/realms/" + REALM;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    try {
      HttpResponse<String> response =
          KeycloakProcess.client().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200
          && response.body().replace(" ", "").contains("\"issuer\":\"" + issuer + "\"")) {
        log.info(
            "A Keycloak already serves realm {} at http://localhost:{}: using it (not started, not"
                + " stopped by the registry)",
            REALM,
            port);
        return Optional.of(new KeycloakDevService(port, null));
      }
      throw new IllegalStateException(portInUse(port));
    } catch (ConnectException free) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IllegalStateException(portInUse(port), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking port " + port, e);
    }
  }

  private static String portInUse(int port) {
    return "Port "
        + port
        + " is in use by something other than a Keycloak with realm "
        + REALM
        + ". Stop it, or use an external Keycloak: set REGISTRY_ISSUER_URI (or"
        + " spring.security.oauth2.resourceserver.jwt.issuer-uri) to its realm URL.";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /**
   * The issuer of this Keycloak's registry realm, e.g. {@code
   * http://localhost:8180/realms/registry}.
   */
  public String issuerUri() {
    return baseUrl() + "/realms/" + REALM;
  }

  /** e.g. {@code http://localhost:8180}. */
  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** The realm's token endpoint. */
  public String tokenUri() {
    return issuerUri() + "/protocol/openid-connect/token";
  }

  public int port() {
    return port;
  }

  /**
   * False if an already running Keycloak was reused (this service neither started nor stops it).
   */
  public boolean started() {
    return process != null;
  }

  /** How long the start took (zero if reused). */
  public Duration startTime() {
    return process == null ? Duration.ZERO : process.startTime();
  }

  /** Keycloak's console output (null if reused). */
  public Path logFile() {
    return process == null ? null : process.logFile();
  }

  /** Stops Keycloak (if this service started it) and waits until it has exited. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed || process == null) {
      closed = true;
      return;
    }
    closed = true;
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to run: close() is idempotent
      }
    }
    log.info("Stopping Keycloak at {} (pid {})", baseUrl(), process.pid());
    process.stop();
  }

  /**
   * The registry's Keycloak themes ({@code docker/keycloak/themes}, beside the realm file; the
   * realm names its login theme) into the distribution's {@code themes} folder, where Keycloak
   * finds themes without a build; {@code start-dev} does not cache them.
   */
  public static void copyThemes(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * The Keycloak distribution: system property {@value #HOME_PROPERTY} or environment variable
   * {@value #HOME_ENV}, else {@code registry-web/target/keycloak/keycloak-<version>} from the
   * repository root (the run command) or {@code target/keycloak/keycloak-<version>} from the module
   * folder (the tests).
   */
  public static Path findHome() {
    String configured = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENV));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    String relative = "target/keycloak/keycloak-" + VERSION;
    List<Path> candidates = List.of(Path.of("registry-web").resolve(relative), Path.of(relative));
    return candidates.stream()
        .filter(p -> Files.isDirectory(p.resolve("bin")))
        .findFirst()
        .map(p -> p.toAbsolutePath().normalize())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No Keycloak distribution in "
                        + candidates.stream().map(p -> p.toAbsolutePath().normalize()).toList()
                        + ". The registry-web build unpacks it (generate-resources): run `mvn -pl"
                        + " registry-web -am spring-boot:run` from the repository root, or set "
                        + HOME_ENV
                        + ", or use an external Keycloak by setting REGISTRY_ISSUER_URI."));
  }

  /**
   * {@code docker/keycloak/realm-registry.json} from the working directory (repository root), its
   * parent (module folder) or the repository holding {@code home}.
   */
  public static Path findRealmFile(Path home) {
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of(REALM_FILE));
    candidates.add(Path.of("..").resolve(REALM_FILE));
    for (Path dir = home.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      candidates.add(dir.resolve(REALM_FILE));
    }
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .map(p -> p.toAbsolutePath().normalize())
        .orElseThrow(
            () -> new IllegalStateException("No " + REALM_FILE + " found from " + Path.of("")));
  }
}
