package org.datasharing.registry.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The servers the HTTP load runs against, each started as a separate process on a free port, its
 * console in a log file under the work folder: Keycloak with the sample realm, registry-web
 * instances and Apache Jena Fuseki. {@link #close()} stops every one still running.
 */
final class ServerProcesses implements AutoCloseable {
  /** A started registry-web instance and where it answers. */
  record Registry(Process process, String url) {}

  private final HttpClient http;
  private final Path work;
  private final List<Process> started = new ArrayList<>();

  ServerProcesses(HttpClient http, Path work) {
    this.http = http;
    this.work = work;
  }

  /** Keycloak from the distribution in {@code home} with {@code realm} imported; its issuer. */
  String startKeycloak(Path home, Path realm, String realmName) throws Exception {
    int port = freePort();
    Path importDir = Files.createDirectories(home.resolve("data/import"));
    Files.copy(
        realm, importDir.resolve("realm-registry.json"), StandardCopyOption.REPLACE_EXISTING);
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
    String issuer = "http://localhost:" + port + "/realms/" + realmName;
    waitFor(issuer + "/.well-known/openid-configuration", Duration.ofMinutes(4));
    return issuer;
  }

  /** The registry-web Boot jar trusting {@code issuer}, with the given store arguments. */
  Registry startRegistry(Path jar, String name, String issuer, List<String> storeArgs)
      throws Exception {
    int port = freePort();
    List<String> cmd =
        javaJar(
            jar,
            "--server.port=" + port,
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
            "--registry.keycloak.dev-service=false");
    cmd.addAll(storeArgs);
    ProcessBuilder b =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("registry-web-" + name + ".log").toFile());
    Process p = b.start();
    started.add(p);
    String registry = "http://localhost:" + port;
    waitFor(registry + "/actuator/health", Duration.ofMinutes(3));
    return new Registry(p, registry);
  }

  /** Fuseki with the deployment's configuration, its databases under the work folder. */
  String startFuseki(Path jar, Path deploymentConfig) throws Exception {
    int port = freePort();
    Path dir = Files.createDirectories(work.resolve("fuseki"));
    Path config = dir.resolve("config.ttl");
    Files.writeString(
        config,
        Files.readString(deploymentConfig)
            .replace("/fuseki/databases/", dir.toAbsolutePath() + "/databases/"));
    ProcessBuilder b =
        new ProcessBuilder(javaJar(jar, "--config=" + config, "--port=" + port))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("fuseki.log").toFile());
    started.add(b.start());
    String dataset = "http://localhost:" + port + "/registry";
    waitFor(dataset + "/query?query=ASK%7B%7D", Duration.ofMinutes(3));
    return dataset;
  }

  /** {@code java -Xmx1g -jar jar args} on this JVM's Java. */
  private static List<String> javaJar(Path jar, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Stops the process and what it started (kc.sh runs Keycloak's JVM as its child). */
  static void stop(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : started) {
      stop(p);
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
        if (http.send(
                    HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
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

  /**
   * The first entry of {@code dir} named {@code prefix…suffix} (a folder when {@code suffix} is
   * empty), not a log or a sources jar.
   */
  static Optional<Path> find(Path dir, String prefix, String suffix) throws IOException {
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
}
