package org.datasharing.registry.web.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.datasharing.registry.dev.KeycloakDevService;
import org.datasharing.registry.web.RegistryApplication;

/**
 * The registry as a child process on a TDB2 data folder (the test classpath, {@code java -cp}), so
 * that it can be killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) and restarted on
 * the same folder. Its output goes to a log file beside the folder.
 */
final class ChildRegistry {
  /**
   * The argument that gives the pages' sign-in the secret of the sample realm's {@code
   * registry-web} client, as the run command does (the registry itself has no default secret).
   */
  static final String SAMPLE_REALM_WEB_CLIENT_SECRET =
      "--spring.security.oauth2.client.registration.keycloak.client-secret="
          + KeycloakDevService.WEB_CLIENT_SECRET;

  private final Path dataDir;
  private final Path log;
  private final String issuer;
  private final List<String> extraArgs;
  private Process process;
  private int port;

  ChildRegistry(Path dataDir, Path log, String issuer, List<String> extraArgs) {
    this.dataDir = dataDir;
    this.log = log;
    this.issuer = issuer;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** Starts the registry and waits until it is ready; the milliseconds it took. */
  long start() throws IOException, InterruptedException {
    port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // start-up time is most of each iteration: C1 only, one GC thread, class data sharing
    cmd.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            RegistryApplication.class.getName(),
            "--server.port=" + port,
            "--registry.store.data-dir=" + dataDir,
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
            "--registry.keycloak.dev-service=false",
            "--registry.mail.dev-service=false",
            // the outbox is still written in each change's commit; nobody sends it
            "--registry.notifications.enabled=false",
            "--spring.jmx.enabled=false",
            "--logging.level.root=WARN",
            "--logging.level.org.springframework.boot.StartupInfoLogger=INFO"));
    // an extra argument replaces a default one of the same name (Spring would join the two)
    cmd.removeIf(a -> a.startsWith("--") && extraArgs.stream().anyMatch(e -> sameName(a, e)));
    cmd.addAll(extraArgs);
    long started = System.nanoTime();
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // generous: a loaded CI machine has been seen to take minutes
    long deadline = System.nanoTime() + Duration.ofSeconds(600).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the registry exited with " + process.exitValue() + " while starting; see " + log);
      }
      try {
        int status =
            http.send(
                    HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200) {
          return (System.nanoTime() - started) / 1_000_000;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the registry did not become ready in 600 s; see " + log);
  }

  String base() {
    return "http://localhost:" + port;
  }

  /** SIGKILL: no shutdown hook, no flush, no transaction end. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** A clean stop (SIGTERM) at the end of a run. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static boolean sameName(String arg, String other) {
    int eq = arg.indexOf('=');
    return eq > 0 && other.startsWith(arg.substring(0, eq + 1));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
