package org.datasharing.registry.web.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apache Jena Fuseki ({@code jena-fuseki-server}, the jar the build copies into target/fuseki) as a
 * child process with the deployment's own {@code docker/fuseki/config.ttl} (TDB2 with the jena-text
 * index, the 60 s query cap), its database folders moved under a test folder.
 */
final class FusekiProcess implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  FusekiProcess(Path dir) throws IOException {
    this.dir = dir;
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
  }

  static Path jar() {
    String configured = System.getProperty("registry.fuseki.jar");
    Path jar =
        configured != null
            ? Path.of(configured)
            : Path.of("target", "fuseki", "jena-fuseki-server.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No Fuseki server jar at "
              + jar
              + ": the build copies org.apache.jena:jena-fuseki-server into target/fuseki"
              + " (registry-web/pom.xml, copy-fuseki); run the test through Maven");
    }
    return jar;
  }

  static Path deploymentConfig() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path config = d.resolve("docker/fuseki/config.ttl");
      if (Files.exists(config)) {
        return config;
      }
    }
    throw new IllegalStateException("docker/fuseki/config.ttl not found above " + Path.of(""));
  }

  /** The dataset URL the registry's remote store is given. */
  String datasetUrl() {
    return "http://localhost:" + port + "/registry";
  }

  FusekiProcess start() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path config = dir.resolve("config.ttl");
    Files.writeString(
        config,
        Files.readString(deploymentConfig())
            .replace("/fuseki/databases/", dir.toAbsolutePath() + "/databases/"));
    Path log = dir.resolve("fuseki.log");
    process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-XX:+UseSerialGC",
                    "-jar",
                    jar().toString(),
                    "--config=" + config,
                    "--port=" + port))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Fuseki exited with " + process.exitValue() + " while starting; see " + log);
      }
      try {
        int status =
            http.send(
                    HttpRequest.newBuilder(URI.create(datasetUrl() + "/query?query=ASK%7B%7D"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Fuseki did not answer in 180 s; see " + log);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
